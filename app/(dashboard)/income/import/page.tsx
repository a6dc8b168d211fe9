import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { ImportPanel } from "../../households/import/import-panel";

export default async function IncomeImportPage() {
  await requireSection("income");
  const t = await getTranslations("import");
  return (
    <>
      <PageHeader title={t("titleIncome")} />
      <ImportPanel kind="income" listHref="/income" />
    </>
  );
}
