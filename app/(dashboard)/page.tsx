import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { Button, buttonClass } from "@/components/ui/button";
import { ChartFigure, type ChartTable } from "@/components/progress/chart-figure";
import type { ChartSeries, ChartSpec } from "@/components/progress/chart-spec";
import { requireSection } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { renderMsg, toLocale } from "@/lib/i18n";
import { availableYears, dashboard, type Dashboard } from "@/lib/progress";
import { stationOptions } from "@/lib/stations/options";
import { formatNumber, formatPercent, formatYuan } from "@/lib/format";
import { flatParams, hrefWith, pick } from "@/lib/url";
import { boundStation } from "@/lib/auth/policy";
import { stationDay } from "@/lib/stations/today";
import { StationDaySection } from "@/components/home/station-day";
import { QueuePanel } from "@/components/offline/queue-panel";

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
  // An OPERATOR's home starts with their own station's day (components/home/station-day.tsx); others' homes are the
  // county dashboard only.
  const ownStation = boundStation(viewer);
  const [years, stations, day] = await Promise.all([
    availableYears(viewer),
    ownStation !== null ? Promise.resolve([]) : stationOptions(viewer),
    ownStation !== null ? stationDay(viewer, ownStation) : Promise.resolve(null),
  ]);

  const n = (v: number) => formatNumber(v, locale);
  const yuan = (fen: number | null) => (fen === null ? "—" : formatYuan(fen, locale, { decimals: 0 }));
  const pct = (v: number | null, digits = 1) => formatPercent(v, locale, digits);
  const threshold = d.incidence.thresholdPct;
  const verdict = (ready: boolean | null) =>
    ready === null ? <Badge>{t("noVerdict")}</Badge> : ready ? <Badge tone="green">{t("exitReady")}</Badge> : <Badge tone="red">{t("notExitReady")}</Badge>;
  // What the form shows is what the page shows: the period, year and station actually resolved (after a preset link, a
  // default, or a refused query), not the raw URL. The form is keyed on it, so a client-side navigation (a preset link)
  // remounts its controls with these values instead of keeping the old ones (a <select>'s defaultValue is only read
  // when it mounts).
  const y = d.year;
  const stationChoice = stations.length > 0 ? d.station?.code : undefined;
  const current = { from: d.period.from.slice(0, 7), to: d.period.to.slice(0, 7), year: String(d.year), station: stationChoice ?? "" };
  const yearOptions = years.includes(d.year) ? years : [...years, d.year].sort((a, b) => b - a);

  // Charts: labels in the page's language, place and product names in pinyin/English on English pages.
  const utcMonth = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1));
  const monthShort = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const monthLong = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" });
  /** Month axis labels: the month, with the year under the first month and under each January. */
  const monthCategories = d.monthly.map((m, i) => (i === 0 || m.month.endsWith("-01") ? `${monthShort.format(utcMonth(m.month))}\n${m.month.slice(0, 4)}` : monthShort.format(utcMonth(m.month))));
  const monthNames = d.monthly.map((m) => monthLong.format(utcMonth(m.month)));
  const spec = (id: string, title: string, rest: Omit<ChartSpec, "id" | "title" | "locale" | "saveLabel">): ChartSpec => ({ id, title, locale, saveLabel: t("saveImage"), ...rest });
  const COLORS = { brand: "#1f7a46", amber: "#d97706", slate: "#64748b", red: "#dc2626", grey: "#94a3b8" };
  const placeName = (r: { name: string; nameEn: string | null }) => (locale === "en" && r.nameEn ? r.nameEn : r.name);
  const tableLabel = t("dataTable");

  /** Monthly e-commerce income as stacked columns (sale payouts, station wages), with its table. */
  const monthlyFigure = (id: string, title: string, pickValues: (m: Dashboard["monthly"][number]) => { saleFen: number; jobFen: number }, height: number) => {
    const rows = d.monthly.map((m) => ({ month: m.month, ...pickValues(m) }));
    const series: ChartSeries[] = [
      { name: t("salePayouts"), values: rows.map((r) => r.saleFen / 100), color: COLORS.brand, stack: true },
      { name: t("stationWages"), values: rows.map((r) => r.jobFen / 100), color: COLORS.amber, stack: true },
    ];
    const sum = (k: "saleFen" | "jobFen") => rows.reduce((acc, r) => acc + r[k], 0);
    const table: ChartTable = {
      caption: title,
      head: [t("month"), t("salePayouts"), t("stationWages"), t("total")],
      rows: rows.map((r, i) => ({ key: r.month, cells: [monthNames[i], yuan(r.saleFen), yuan(r.jobFen), yuan(r.saleFen + r.jobFen)] })),
      foot: [t("total"), yuan(sum("saleFen")), yuan(sum("jobFen")), yuan(sum("saleFen") + sum("jobFen"))],
    };
    return (
      <ChartFigure
        spec={spec(id, title, { kind: "bar", categories: monthCategories, tooltipCategories: monthNames, series, unit: "yuan", valueAxisName: t("yuanAxis"), height, totalLabel: t("total") })}
        table={table}
        tableLabel={tableLabel}
      />
    );
  };

  const exitsTitle = t("exitsPerYear");
  const exitsFigure = (
    <ChartFigure
      spec={spec("exits", exitsTitle, {
        kind: "bar", categories: d.exits.map((e) => String(e.year)), labels: true, unit: "count",
        valueAxisName: t("countAxis"), height: 240,
        series: [
          { name: t("exitedPeople"), values: d.exits.map((e) => e.people), color: COLORS.brand },
          { name: t("exitedHouseholds"), values: d.exits.map((e) => e.households), color: COLORS.grey },
        ],
      })}
      table={{
        caption: exitsTitle,
        head: [t("yearCol"), t("exitedHouseholds"), t("exitedPeople")],
        rows: d.exits.map((e) => ({ key: String(e.year), cells: [String(e.year), n(e.households), n(e.people)] })),
        foot: [t("total"), n(d.exits.reduce((a, e) => a + e.households, 0)), n(d.exits.reduce((a, e) => a + e.people, 0))],
      }}
      tableLabel={tableLabel}
    />
  );

  const thresholdLine = threshold !== null ? { value: threshold, label: t("threshold", { threshold: pct(threshold, 0) }) } : undefined;
  const trendTitle = t("incidenceTrend");
  const trendFigure = (
    <ChartFigure
      spec={spec("incidence-trend", trendTitle, {
        kind: "line", categories: d.incidenceTrend.map((r) => String(r.year)), labels: true, unit: "percent", valueAxisName: t("percentAxis"), height: 240,
        series: [{ name: t("incidence"), values: d.incidenceTrend.map((r) => (r.percent === null ? null : Number(r.percent.toFixed(4)))), color: COLORS.brand }],
        threshold: thresholdLine,
      })}
      table={{
        caption: trendTitle,
        head: [t("yearCol"), t("notExitedPeople"), t("population"), t("incidence"), t("verdictCol")],
        rows: d.incidenceTrend.map((r) => ({
          key: String(r.year),
          cells: [String(r.year), n(r.notExitedPeople), n(r.population), <span key="p" data-value={r.percent ?? ""}>{pct(r.percent, 2)}</span>, r.exitReady === null ? "—" : r.exitReady ? t("exitReady") : t("notExitReady")],
        })),
      }}
      tableLabel={tableLabel}
    />
  );

  const townshipTitle = t("incidenceByTownship", { year: y });
  const townshipFigure = (
    <ChartFigure
      spec={spec("townships", townshipTitle, {
        kind: "bar", horizontal: true, labels: true, unit: "percent", valueAxisName: t("percentAxis"),
        height: Math.max(240, d.townships.length * 28 + 70),
        categories: d.townships.map(placeName),
        series: [{
          name: t("incidence"), color: COLORS.brand,
          values: d.townships.map((tw) => (tw.incidencePct === null ? null : Number(tw.incidencePct.toFixed(4)))),
          colors: d.townships.map((tw) => (tw.exitReady === false ? COLORS.red : tw.exitReady === null ? COLORS.grey : null)),
        }],
        threshold: thresholdLine,
        links: d.townships.map((tw) => `/progress?year=${y}&level=village&parent=${tw.code}`),
      })}
      note={thresholdLine ? t("townshipNote", { threshold: pct(threshold, 0) }) : undefined}
      table={{
        caption: townshipTitle,
        head: [t("township"), t("notExitedPeople"), t("population"), t("incidence"), t("verdictCol")],
        rows: d.townships.map((tw) => ({
          key: tw.code,
          cells: [
            <Link key="l" className="text-brand-700 underline" href={`/progress?year=${y}&level=village&parent=${tw.code}`}>{placeName(tw)}</Link>,
            n(tw.poorPeople), n(tw.population), <span key="p" data-value={tw.incidencePct ?? ""}>{pct(tw.incidencePct, 2)}</span>,
            tw.exitReady === null ? "—" : tw.exitReady ? t("exitReady") : t("notExitReady"),
          ],
        })),
      }}
      tableLabel={tableLabel}
    />
  );

  const productsTitle = t("salesByProduct");
  const productName = (p: Dashboard["products"][number]["product"]) => (locale === "en" && p.nameEn ? p.nameEn : p.name);
  const productsFigure = (
    <ChartFigure
      spec={spec("products", productsTitle, {
        kind: "bar", horizontal: true, labels: true, unit: "yuan", valueAxisName: t("yuanAxis"),
        height: Math.max(200, d.products.length * 34 + 70),
        categories: d.products.map((p) => productName(p.product)),
        series: [{ name: t("salesAmount"), values: d.products.map((p) => p.amountFen / 100), color: COLORS.brand }],
      })}
      table={{
        caption: productsTitle,
        head: [t("product"), t("salesCountCol"), t("salesAmount")],
        rows: d.products.map((p) => ({ key: p.product.code, cells: [productName(p.product), n(p.sales), yuan(p.amountFen)] })),
        foot: [t("total"), n(d.products.reduce((a, p) => a + p.sales, 0)), yuan(d.products.reduce((a, p) => a + p.amountFen, 0))],
      }}
      tableLabel={tableLabel}
    />
  );

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

      {ownStation !== null ? (
        <div className="no-print mb-4 space-y-2">
          {/* A plain link (a full page load): offline, the service worker answers it from its cache; a client-side
              navigation would ask the server for the page's RSC payload first. */}
          <a href="/offline" className={buttonClass("primary")} data-testid="open-station-entry">{t("openStationEntry")}</a>
          <QueuePanel />
        </div>
      ) : null}

      {day ? <StationDaySection day={day} locale={locale} /> : null}

      <form key={JSON.stringify(current)} method="get" className="no-print mb-4 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end" aria-label={t("pickPeriod")}>
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
            {yearOptions.map((yr) => <option key={yr} value={yr}>{yr}</option>)}
          </Select>
        </label>
        {stations.length > 0 ? (
          // On a phone the station takes a row of its own: beside the year its long names were cut off.
          <label className="col-span-2 space-y-1 text-sm sm:col-span-1">
            <span className="block text-slate-600">{t("station")}</span>
            <Select name="station" defaultValue={current.station} className="sm:w-auto sm:min-w-52 sm:max-w-xs">
              <option value="">{t("allStations")}</option>
              {stations.map((s) => <option key={s.id} value={s.code}>{s.code} {s.name}</option>)}
            </Select>
          </label>
        ) : null}
        <Button type="submit" className="col-span-2 sm:col-span-1">{t("apply")}</Button>
        <div className="col-span-2 flex flex-wrap gap-x-3 gap-y-1 text-sm sm:ml-2 sm:self-center">
          <Link className="text-brand-700 hover:underline" href={hrefWith("/", { station: stationChoice })}>{t("presetDefault")}</Link>
          <Link className="text-brand-700 hover:underline" href={hrefWith("/", { station: stationChoice }, { from: `${y}-01`, to: `${y}-12`, year: y })}>{t("presetYear", { year: y })}</Link>
          <Link className="text-brand-700 hover:underline" href={hrefWith("/", { station: stationChoice }, { from: "2019-07", to: "2020-06", year: 2020 })}>{t("presetArticle")}</Link>
        </div>
      </form>

      <section aria-labelledby="county-figures" className="space-y-3">
        <h2 id="county-figures" className={day ? "text-lg font-semibold text-slate-900" : "sr-only"}>{t("countyFigures")}</h2>
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
            {monthlyFigure("station-income", t("stationIncome"), (m) => m.station ?? { saleFen: 0, jobFen: 0 }, 220)}
          </Card>
        </section>
      ) : null}

      <div className="mt-5 grid grid-cols-1 gap-4 lg:grid-cols-2 print:block">
        <Card className="chart-card min-w-0">
          <h2 className="mb-2 text-sm font-semibold text-slate-900">{t("monthlyIncome")}</h2>
          {monthlyFigure("monthly-income", t("monthlyIncome"), (m) => m, 280)}
        </Card>
        <Card className="chart-card min-w-0">
          <h2 className="mb-2 text-sm font-semibold text-slate-900">{productsTitle}</h2>
          {d.products.length === 0 ? <p className="text-sm text-slate-500">{t("noData")}</p> : productsFigure}
        </Card>
        <Card className="chart-card min-w-0">
          <h2 className="mb-2 text-sm font-semibold text-slate-900">{trendTitle}</h2>
          {d.incidenceTrend.length === 0 ? <p className="text-sm text-slate-500">{t("noData")}</p> : trendFigure}
        </Card>
        <Card className="chart-card min-w-0">
          <h2 className="mb-2 text-sm font-semibold text-slate-900">{exitsTitle}</h2>
          {d.exits.length === 0 ? <p className="text-sm text-slate-500">{t("noData")}</p> : exitsFigure}
        </Card>
        <Card className="chart-card min-w-0 lg:col-span-2">
          <h2 className="mb-2 text-sm font-semibold text-slate-900">{townshipTitle}</h2>
          {d.townships.length === 0 ? <p className="text-sm text-slate-500">{t("noData")}</p> : townshipFigure}
        </Card>
      </div>
    </>
  );
}
