import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { countyToday } from "@/lib/format";
import { getHousehold } from "@/lib/households";
import { WARNING_RULE_VALUES } from "@/lib/validation/monitoring";
import { OpenCaseForm } from "@/components/monitoring/forms";

/** Opening a case for a household, from one of its warnings (?rule=&year=) or directly. */
export default async function NewCasePage({ searchParams }: { searchParams: Promise<{ household?: string; rule?: string; year?: string }> }) {
  const viewer = await requireSection("monitoring", "monitoring.manage");
  const sp = await searchParams;
  const id = Number(sp.household);
  if (!Number.isInteger(id) || id < 1) notFound();
  const [t, tEnum, household] = await Promise.all([getTranslations("monitoring.cases"), getTranslations("enums"), getHousehold(viewer, id)]);
  const rule = (WARNING_RULE_VALUES as readonly string[]).includes(sp.rule ?? "") ? sp.rule : undefined;
  const year = Number(sp.year) || undefined;
  const suggestedType = rule === "HARDSHIP" ? "SUDDEN_HARDSHIP" : household.kind === "MONITORING" ? "MARGINAL" : "UNSTABLE_EXITED";
  return (
    <>
      <PageHeader title={t("openTitle")} description={`${household.headName}（${household.code}）${rule && year ? ` · ${t("fromWarning", { rule: tEnum(`WarningRule.${rule}`), year })}` : ` · ${t("direct")}`}`} />
      <Card className="max-w-3xl">
        <OpenCaseForm householdId={household.id} warningRule={rule} warningYear={rule ? year : undefined} today={countyToday()} suggestedType={suggestedType} />
      </Card>
    </>
  );
}
