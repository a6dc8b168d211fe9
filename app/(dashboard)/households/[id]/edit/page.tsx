import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { placeOptions } from "@/lib/households";
import { stationOptions } from "@/lib/stations/options";
import { HouseholdForm } from "../../household-form";
import { loadHouseholdOr404, villageGroups } from "../../ui";
import { boundStation } from "@/lib/auth/policy";

export default async function EditHouseholdPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireSection("households");
  const household = await loadHouseholdOr404(viewer, (await params).id);
  if (!household) notFound();
  const [t, places, stations, locale] = await Promise.all([getTranslations("households"), placeOptions(viewer), stationOptions(viewer), getLocale()]);
  return (
    <>
      <PageHeader title={t("editTitle", { code: household.code })} />
      <Card className="max-w-3xl">
        <HouseholdForm
          mode="edit" id={household.id} initial={household} villages={villageGroups(places, locale)}
          stations={stations.map((s) => ({ id: s.id, label: `${s.code} ${s.name}` }))}
          stationLocked={boundStation(viewer) !== null} canSetStatus={false}
        />
      </Card>
    </>
  );
}
