import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader, Stat } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { countyBasics } from "@/lib/progress/basics";
import { formatNumber } from "@/lib/format";

export default async function DashboardPage() {
  const viewer = await requireSection("dashboard");
  const [t, locale, basics] = await Promise.all([getTranslations("dashboard"), getLocale(), countyBasics(viewer)]);
  const n = (v: number) => formatNumber(v, locale);
  return (
    <>
      <PageHeader title={t("title")} description={t("welcome", { name: viewer.name })} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
        <Stat label={t("stations")} value={`${n(basics.activeStations)} / ${n(basics.stations)}`} />
        <Stat label={t("villages")} value={n(basics.villages)} hint={`${t("poorVillages")}: ${n(basics.poorVillages)}`} />
        <Stat label={t("households")} value={n(basics.households)} hint={`${t("people")}: ${n(basics.people)}`} />
      </div>
    </>
  );
}
