import { getTranslations } from "next-intl/server";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { ImportPanel } from "./import-panel";
import { can } from "@/lib/auth/policy";

export default async function HouseholdImportPage() {
  const viewer = await requireSection("households");
  if (!can(viewer, "households.import")) forbidden();
  const t = await getTranslations("import");
  return (
    <>
      <PageHeader title={t("titleHouseholds")} />
      <ImportPanel kind="households" listHref="/households" />
    </>
  );
}
