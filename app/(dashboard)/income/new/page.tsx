import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { countyToday } from "@/lib/format";
import { loadHouseholdOr404 } from "../../households/ui";
import { QuickEntry, type PickedHousehold } from "./quick-entry";

export default async function NewIncomePage({ searchParams }: { searchParams: Promise<{ household?: string }> }) {
  const viewer = await requireSection("income");
  const { household: householdParam } = await searchParams;
  const t = await getTranslations("income");
  const h = householdParam ? await loadHouseholdOr404(viewer, householdParam) : null;
  const picked: PickedHousehold | null = h ? { id: h.id, code: h.code, headName: h.headName, village: h.village.name, size: h.size } : null;
  return (
    <>
      <PageHeader title={t("quickEntry")} description={t("quickEntryHelp")} />
      <QuickEntry initialHousehold={picked} today={countyToday()} />
    </>
  );
}
