import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { flatParams } from "@/lib/url";
import { requireSection } from "@/lib/auth/page";
import { stationOptions } from "@/lib/stations/options";
import { countyToday } from "@/lib/format";
import { TrainingForm } from "./training-form";
import { boundStation } from "@/lib/auth/policy";

export default async function NewTrainingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("stations");
  const params = flatParams(await searchParams);
  const [t, stations] = await Promise.all([getTranslations("trainings"), stationOptions(viewer)]);
  const wanted = Number(params.stationId);
  const stationId = boundStation(viewer) !== null ? boundStation(viewer) : stations.some((s) => s.id === wanted) ? wanted : null;
  return (
    <>
      <PageHeader title={t("new")} />
      <Card className="max-w-3xl">
        <TrainingForm today={countyToday()} stationId={stationId} stationLocked={boundStation(viewer) !== null} stations={stations.map((s) => ({ id: s.id, label: `${s.code} ${s.name}` }))} />
      </Card>
    </>
  );
}
