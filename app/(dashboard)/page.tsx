import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { Button, buttonClass } from "@/components/ui/button";
import { BarList, ColumnChart } from "@/components/progress/bars";
import { requireSection } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { renderMsg, toLocale } from "@/lib/i18n";
import { availableYears, dashboard, type Dashboard } from "@/lib/progress";
import { stationOptions } from "@/lib/stations/options";
import { formatNumber, formatPercent, formatYuan } from "@/lib/format";
import { flatParams, hrefWith, pick } from "@/lib/url";
import { boundStation, can } from "@/lib/auth/policy";

const KEYS = ["from", "to", "year", "station"] as const;

/** A headline figure; data-figure/data-value carry the raw number so tests compare it with the API. */
function Figure({ id, label, value, raw, hint, badge }: { id: string; label: string; value: string; raw: number | null; hint?: React.ReactNode; badge?: React.ReactNode }) {
  return (
    <Card className="min-w-0 p-3 sm:p-4">
      <div className="text-sm text-slate-600">{label}</div>
      <div className="mt-1 flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="text-xl font-semibold tabular-nums text-slate-900 sm:text-2xl" data-figure={id} data-value={raw ?? ""}>{value}</span>
        {badge}
      </div>
      {hint ? <div className="mt-1 text-xs text-slate-500">{hint}</div> : null}
    </Card>
  );
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("dashboard");
  const params = pick(flatParams(await searchParams), KEYS);
  const [t, locale] = await Promise.all([getTranslations("dashboard"), getLocale()]);
  let problems: string[] = [];
  const d: Dashboard = await dashboard(viewer, params).catch((e: unknown) => {
    if (!(e instanceof AppError) || (e.code !== "VALIDATION" && e.code !== "NOT_FOUND")) throw e;
    problems = e.fields ? Object.entries(e.fields).map(([k, m]) => `${t(k as "from")}: ${renderMsg(toLocale(locale), m)}`) : [renderMsg(toLocale(locale), e.msg)];
    return dashboard(viewer, {});
  });
  const [years, stations] = await Promise.all([availableYears(viewer), boundStation(viewer) !== null ? Promise.resolve([]) : stationOptions(viewer)]);

  const n = (v: number) => formatNumber(v, locale);
  const yuan = (fen: number | null) => (fen === null ? "—" : formatYuan(fen, locale, { decimals: 0 }));
  const pct = (v: number | null, digits = 1) => formatPercent(v, locale, digits);
  const threshold = d.incidence.thresholdPct;
  const verdict = (ready: boolean | null) =>
    ready === null ? <Badge>{t("noVerdict")}</Badge> : ready ? <Badge tone="green">{t("exitReady")}</Badge> : <Badge tone="red">{t("notExitReady")}</Badge>;
  const monthShort = (m: string) => (d.monthly.length > 12 ? m.slice(2).replace("-", "/") : `${Number(m.slice(5))}${t("monthSuffix")}`);
  /** Monthly e-commerce income as stacked columns: sale payouts and station wages. */
  const monthlyChart = (caption: string, pickValues: (m: Dashboard["monthly"][number]) => { saleFen: number; jobFen: number }, height?: number) => (
    <ColumnChart
      caption={caption}
      rows={d.monthly.map((m) => ({ label: m.month, short: monthShort(m.month), values: { sale: pickValues(m).saleFen, job: pickValues(m).jobFen } }))}
      series={[{ key: "sale", label: t("salePayouts"), className: "bg-brand-600" }, { key: "job", label: t("stationWages"), className: "bg-amber-500" }]}
      format={(v) => yuan(v)}
      height={height}
    />
  );
  const current = { from: d.period.from.slice(0, 7), to: d.period.to.slice(0, 7), year: String(d.year), station: params.station };
  const y = d.year;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("periodLine", { from: d.period.from, to: d.period.to, year: y })}
        actions={
          <>
            <Link className={buttonClass("secondary")} href={`/progress?year=${y}`}>{t("drillDown")}</Link>
            <Link className={buttonClass("secondary")} href={`/reports?kind=annual&year=${y}`}>{t("reports")}</Link>
          </>
        }
      />
      {problems.length > 0 ? (
        <div className="mb-3">
          <Alert tone="error">
            {t("badQuery")} {problems.join("；")}
          </Alert>
        </div>
      ) : null}

      <form method="get" className="no-print mb-4 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end" aria-label={t("pickPeriod")}>
        <label className="space-y-1 text-sm">
          <span className="block text-slate-600">{t("from")}</span>
          <Input type="month" name="from" defaultValue={current.from} required className="sm:w-40" />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block text-slate-600">{t("to")}</span>
          <Input type="month" name="to" defaultValue={current.to} required className="sm:w-40" />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block text-slate-600">{t("year")}</span>
          <Select name="year" defaultValue={current.year} className="sm:w-28">
            {years.map((yr) => <option key={yr} value={yr}>{yr}</option>)}
          </Select>
        </label>
        {stations.length > 0 ? (
          <label className="space-y-1 text-sm">
            <span className="block text-slate-600">{t("station")}</span>
            <Select name="station" defaultValue={params.station ?? ""} className="sm:w-52">
              <option value="">{t("allStations")}</option>
              {stations.map((s) => <option key={s.id} value={s.code}>{s.code} {s.name}</option>)}
            </Select>
          </label>
        ) : null}
        <Button type="submit" className="col-span-2 sm:col-span-1">{t("apply")}</Button>
        <div className="col-span-2 flex flex-wrap gap-x-3 gap-y-1 text-sm sm:ml-2 sm:self-center">
          <Link className="text-brand-700 hover:underline" href={hrefWith("/", { station: params.station })}>{t("presetDefault")}</Link>
          <Link className="text-brand-700 hover:underline" href={hrefWith("/", { station: params.station }, { from: `${y}-01`, to: `${y}-12`, year: y })}>{t("presetYear", { year: y })}</Link>
          <Link className="text-brand-700 hover:underline" href={hrefWith("/", { station: params.station }, { from: "2019-07", to: "2020-06", year: 2020 })}>{t("presetArticle")}</Link>
        </div>
      </form>

      <section aria-labelledby="county-figures" className="space-y-3">
        <h2 id="county-figures" className="sr-only">{t("countyFigures")}</h2>
        <div className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-3">
          <Figure id="stations-active" label={t("activeStations")} value={`${n(d.stations.active)} / ${n(d.stations.total)}`} raw={d.stations.active}
            hint={<span data-figure="stations-total" data-value={d.stations.total}>{t("activeOfTotal", { total: n(d.stations.total) })}</span>} />
          <Figure id="coverage" label={t("coverage")} value={pct(d.coverage.percent)} raw={d.coverage.percent}
            hint={t("coverageHint", { covered: n(d.coverage.covered), poor: n(d.coverage.poorVillages) })} />
          <Figure id="beneficiary-households" label={t("beneficiaryHouseholds")} value={n(d.beneficiaries.households)} raw={d.beneficiaries.households}
            hint={t("beneficiaryHint")} />
          <Figure id="beneficiary-residents" label={t("beneficiaryResidents")} value={n(d.beneficiaries.residents)} raw={d.beneficiaries.residents}
            hint={t("residentsHint")} />
          <Figure id="average-gain" label={t("averageGain")} value={yuan(d.beneficiaries.averageGainFen)} raw={d.beneficiaries.averageGainFen}
            hint={t("averageGainHint", { total: yuan(d.beneficiaries.incomeFen) })} />
          <Figure id="incidence" label={t("incidence")} value={pct(d.incidence.percent, 2)} raw={d.incidence.percent} badge={verdict(d.incidence.exitReady)}
            hint={t("incidenceHint", { year: y, threshold: pct(threshold, 0), people: n(d.incidence.notExitedPeople), population: n(d.incidence.population) })} />
          <Figure id="exited-households" label={t("exited")} value={n(d.households.exited.households)} raw={d.households.exited.households}
            hint={t("standingHint", { people: n(d.households.exited.people), year: y })} />
          <Figure id="poor-households" label={t("poor")} value={n(d.households.poor.households)} raw={d.households.poor.households}
            hint={t("standingHint", { people: n(d.households.poor.people), year: y })} />
          <Figure id="monitored-households" label={t("monitored")} value={n(d.households.monitored.households)} raw={d.households.monitored.households}
            hint={t("monitoredHint", { people: n(d.households.monitored.people) })} />
        </div>
      </section>

      {d.station ? (
        <section aria-labelledby="station-figures" className="mt-5 space-y-3" data-station={d.station.code}>
          <h2 id="station-figures" className="text-base font-semibold text-slate-900">{t("stationSection", { name: d.station.name, code: d.station.code })}</h2>
          <p className="text-sm text-slate-600">{t("stationNote")}</p>
          <div className="grid grid-cols-2 gap-2 sm:gap-3 xl:grid-cols-4">
            <Figure id="station-beneficiary-households" label={t("beneficiaryHouseholds")} value={n(d.station.beneficiaries.households)} raw={d.station.beneficiaries.households}
              hint={t("ofCounty", { value: n(d.beneficiaries.households) })} />
            <Figure id="station-beneficiary-residents" label={t("beneficiaryResidents")} value={n(d.station.beneficiaries.residents)} raw={d.station.beneficiaries.residents}
              hint={t("ofCounty", { value: n(d.beneficiaries.residents) })} />
            <Figure id="station-average-gain" label={t("averageGain")} value={yuan(d.station.beneficiaries.averageGainFen)} raw={d.station.beneficiaries.averageGainFen}
              hint={t("ofCounty", { value: yuan(d.beneficiaries.averageGainFen) })} />
            <Figure id="station-poor-households" label={t("standingShort")} value={`${n(d.station.households.exited.households + d.station.households.monitored.households)} / ${n(d.station.households.poor.households)}`}
              raw={d.station.households.poor.households} hint={t("standingShortHint", { year: y })} />
          </div>
          <Card>
            <h3 className="mb-3 text-sm font-semibold text-slate-900">{t("stationIncome")}</h3>
            {monthlyChart(t("stationIncome"), (m) => m.station ?? { saleFen: 0, jobFen: 0 }, 120)}
          </Card>
        </section>
      ) : null}

      <div className="mt-5 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-sm font-semibold text-slate-900">{t("monthlyIncome")}</h2>
          {monthlyChart(t("monthlyIncome"), (m) => m)}
        </Card>
        <Card>
          <h2 className="mb-3 text-sm font-semibold text-slate-900">{t("salesByProduct")}</h2>
          {d.products.length === 0 ? <p className="text-sm text-slate-500">{t("noData")}</p> : (
            <BarList
              caption={t("salesByProduct")}
              rows={d.products.map((p) => ({ key: p.product.code, label: locale === "en" && p.product.nameEn ? p.product.nameEn : p.product.name, value: p.amountFen, note: t("salesCount", { count: p.sales }) }))}
              format={(v) => yuan(v)}
            />
          )}
        </Card>
        <Card>
          <h2 className="mb-3 text-sm font-semibold text-slate-900">{t("exitsPerYear")}</h2>
          {d.exits.length === 0 ? <p className="text-sm text-slate-500">{t("noData")}</p> : (
            <ColumnChart
              caption={t("exitsPerYear")}
              rows={d.exits.map((e) => ({ label: String(e.year), values: { people: e.people } }))}
              series={[{ key: "people", label: t("exitedPeople"), className: "bg-brand-600" }]}
              format={(v) => t("peopleCount", { people: n(v) })}
              height={120}
            />
          )}
          {d.exits.length > 0 ? (
            <p className="mt-2 text-xs text-slate-600">{d.exits.map((e) => `${e.year}: ${t("householdsPeople", { households: n(e.households), people: n(e.people) })}`).join(" · ")}</p>
          ) : null}
        </Card>
        <Card>
          <h2 className="mb-3 text-sm font-semibold text-slate-900">{t("incidenceByTownship", { year: y })}</h2>
          <BarList
            caption={t("incidenceByTownship", { year: y })}
            rows={d.townships.map((tw) => ({
              key: tw.code, label: locale === "en" ? tw.nameEn ?? tw.name : tw.name, value: tw.incidencePct,
              href: `/progress?year=${y}&level=village&parent=${tw.code}`,
              tone: tw.exitReady === false ? ("red" as const) : tw.exitReady === null ? ("slate" as const) : ("brand" as const),
            }))}
            format={(v) => pct(v, 2)}
            marker={threshold !== null ? { value: threshold, label: t("threshold", { threshold: pct(threshold, 0) }) } : undefined}
          />
        </Card>
      </div>
    </>
  );
}
