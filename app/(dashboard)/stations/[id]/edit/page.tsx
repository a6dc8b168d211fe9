import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { loadOr404 } from "@/components/network/page-data";
import { requireSection } from "@/lib/auth/page";
import { can } from "@/lib/auth/policy";
import { getStation, stationFormOptions } from "@/lib/stations";
import { countyToday } from "@/lib/format";
import { ContactForm, StationForm } from "../../station-form";

export default async function EditStationPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireSection("stations");
  const id = Number((await params).id);
  const station = await loadOr404(() => getStation(viewer, id));
  if (!can(viewer, "stations.update", { stationId: id })) forbidden();
  const t = await getTranslations("stations");
  const manager = can(viewer, "stations.manage");
  return (
    <>
      <PageHeader title={`${manager ? t("edit") : t("editContact")} · ${station.name}（${station.code}）`} />
      <Card className="max-w-4xl">
        {manager ? (
          <StationForm
            stationId={id}
            townships={await stationFormOptions(viewer)}
            today={countyToday()}
            initial={{
              code: station.code, name: station.name, level: station.level, townshipId: station.township.id, villageId: station.village?.id ?? null,
              operatorName: station.operatorName, phone: station.phone ?? "", openedOn: station.openedOn, services: station.services,
              coveredVillageIds: station.coveredVillages.map((v) => v.id), version: station.version,
            }}
          />
        ) : (
          <ContactForm stationId={id} initial={{ operatorName: station.operatorName, phone: station.phone ?? "", version: station.version }} />
        )}
      </Card>
    </>
  );
}
