import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { placeOptions } from "@/lib/households";
import { stationOptions } from "@/lib/stations/options";
import { countyToday } from "@/lib/format";
import { HouseholdForm } from "../household-form";
import { villageGroups } from "../ui";
import { boundStation, can } from "@/lib/auth/policy";

export default async function NewHouseholdPage() {
  const viewer = await requireSection("households");
  const [t, places, stations, locale] = await Promise.all([getTranslations("households"), placeOptions(viewer), stationOptions(viewer), getLocale()]);
  const initial = { size: 1, type: "GENERAL", registeredYear: countyToday().slice(0, 4), stationId: boundStation(viewer) ?? "", status: "POOR" };
  return (
    <>
      <PageHeader title={t("newTitle")} />
      <Card className="max-w-3xl">
        <HouseholdForm
          mode="create" initial={initial} villages={villageGroups(places, locale)}
          stations={stations.map((s) => ({ id: s.id, label: `${s.code} ${s.name}` }))}
          stationLocked={boundStation(viewer) !== null} canSetStatus={can(viewer, "households.changeStatus")}
        />
      </Card>
    </>
  );
}
