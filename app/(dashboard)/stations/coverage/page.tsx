import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, PageHeader, Stat } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { requireSection } from "@/lib/auth/page";
import { can } from "@/lib/auth/policy";
import { coverage, networkOverview } from "@/lib/stations/coverage";
import { formatNumber, formatPercent } from "@/lib/format";

export default async function CoveragePage() {
  const viewer = await requireSection("stations");
  const [t, locale, cov, network] = await Promise.all([getTranslations("stations"), getLocale(), coverage(viewer), networkOverview(viewer)]);
  const manager = can(viewer, "stations.manage");
  const n = (v: number) => formatNumber(v, locale);
  const name = (tw: { name: string; nameEn: string }) => (locale === "en" ? tw.nameEn : tw.name);
  return (
    <>
      <PageHeader title={t("coverageTitle")} actions={<Link className={buttonClass("secondary")} href="/stations">{t("back")}</Link>} />
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Stat label={t("coverage")} value={<span data-testid="coverage-percent">{formatPercent(cov.percent, locale)}</span>} hint={t("coverageHint", { covered: cov.covered, total: cov.poorVillages })} />
        <Stat label={t("uncoveredTitle")} value={n(cov.uncovered)} />
      </div>

      <h2 className="mb-2 font-medium">{t("uncoveredTitle")}</h2>
      {cov.uncoveredVillages.length === 0 ? <Alert tone="success">{t("allCovered")}</Alert> : (
        <Table label={t("uncoveredTitle")}>
          <thead>
            <tr>
              <Th>{t("code")}</Th><Th>{t("village")}</Th><Th>{t("township")}</Th><Th className="text-right">{t("population")}</Th><Th>{t("statusReason")}</Th>
              {manager ? <Th /> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {cov.uncoveredVillages.map((v) => (
              <Tr key={v.id} data-testid="uncovered-village">
                <Td label={t("code")} className="whitespace-nowrap tabular-nums">{v.code}</Td>
                <Td primary className="whitespace-nowrap">{v.name}</Td>
                <Td primary className="whitespace-nowrap cards:justify-self-end">{name(v.township)}</Td>
                <Td label={t("population")} className="text-right tabular-nums">{n(v.registeredPopulation)}</Td>
                <Td label={t("statusReason")} wide className="text-slate-600">{v.inactiveStations.length > 0 ? t("inactiveOnly", { codes: v.inactiveStations.map((s) => s.code).join("、") }) : "—"}</Td>
                {manager ? (
                  <Td wide className="whitespace-nowrap">
                    <Link className="text-brand-700 hover:underline" href={`/stations/new?townshipId=${v.township.id}&cover=${v.id}`}>{t("new")}</Link>
                  </Td>
                ) : null}
              </Tr>
            ))}
          </tbody>
        </Table>
      )}

      <h2 className="mb-2 mt-6 font-medium">{t("network")}</h2>
      <Table label={t("network")}>
        <thead>
          <tr>
            <Th>{t("township")}</Th><Th className="text-right">{t("activeStations")}</Th><Th className="text-right">{t("poorVillage")}</Th>
            <Th className="text-right">{t("coverage")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {network.map((tw) => (
            <Tr key={tw.id}>
              <Td primary className="whitespace-nowrap"><Link className="text-brand-700 hover:underline" href={`/stations?townshipId=${tw.id}`}>{name(tw)}</Link></Td>
              <Td label={t("activeStations")} className="text-right tabular-nums">{n(tw.activeStations)} / {n(tw.stations)}</Td>
              <Td label={t("poorVillage")} className="text-right tabular-nums">{n(tw.coveredPoorVillages)} / {n(tw.poorVillages)}</Td>
              <Td primary label={t("coverage")} className="text-right tabular-nums cards:justify-self-end">{formatPercent(tw.percent, locale)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
