import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { flatParams } from "@/lib/url";
import { requireSection } from "@/lib/auth/page";
import { can } from "@/lib/auth/policy";
import { stationFormOptions } from "@/lib/stations";
import { countyToday } from "@/lib/format";
import { StationForm } from "../station-form";

/** ?townshipId=…&cover=… preselects a township and villages to cover (links from the uncovered-villages list). */
export default async function NewStationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("stations");
  if (!can(viewer, "stations.create")) forbidden();
  const raw = await searchParams;
  const params = flatParams(raw);
  const cover = [raw.cover ?? []].flat().map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const [t, townships] = await Promise.all([getTranslations("stations"), stationFormOptions(viewer)]);
  const townshipId = townships.find((tw) => String(tw.id) === params.townshipId)?.id ?? null;
  return (
    <>
      <PageHeader title={t("new")} />
      <Card className="max-w-4xl">
        <StationForm
          townships={townships}
          today={countyToday()}
          initial={{ code: "", name: "", level: "VILLAGE", townshipId, villageId: null, operatorName: "", phone: "", openedOn: countyToday(), services: ["CONSIGNMENT", "PARCELS"], coveredVillageIds: cover }}
        />
      </Card>
    </>
  );
}
