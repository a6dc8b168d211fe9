import { getTranslations } from "next-intl/server";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { ImportPanel } from "./import-panel";

export default async function HouseholdImportPage() {
  const viewer = await requireSection("households");
  if (viewer.role !== "ADMIN" && viewer.role !== "STAFF") forbidden();
  const t = await getTranslations("import");
  return (
    <>
      <PageHeader title={t("titleHouseholds")} />
      <ImportPanel kind="households" listHref="/households" />
    </>
  );
}
