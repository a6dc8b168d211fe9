import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { PrintButton } from "@/components/progress/print-button";
import { ReportForm, type ReportFormValues } from "@/components/reports/report-form";
import { requireSection } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { renderMsg, toLocale } from "@/lib/i18n";
import { availableYears } from "@/lib/progress";
import { buildReport, REPORT_KINDS, type Report } from "@/lib/reports";
import { reportTitle } from "@/lib/reports/files";
import { stationOptions } from "@/lib/stations/options";
import { countyDateTime, formatNumber, formatPercent, formatYuan } from "@/lib/format";
import { unitShort } from "@/lib/units";
import { flatParams, pick } from "@/lib/url";

const KEYS = ["kind", "month", "year", "from", "to", "station"] as const;

/** A CSS string literal (quotes and backslashes escaped; "<" escaped so the text cannot close the <style>). */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/</g, "\\3C ")}"`;

/**
 * A4 print: the sidebar and the form are .no-print; the report flows in one column with compact tables. Every page
 * has, in its bottom margin, the issuer and the county-time generation stamp (left) and "page / pages" (right):
 * Chromium prints @page margin boxes.
 */
function printCss(footer: string, pageOf: string): string {
  // "第 {page} / {pages} 页" → "第 " counter(page) " / " counter(pages) " 页"
  const counter = pageOf
    .split(/(\u0001|\u0002)/)
    .filter((part) => part !== "")
    .map((part) => (part === "\u0001" ? "counter(page)" : part === "\u0002" ? "counter(pages)" : cssString(part)))
    .join(" ");
  return `
@page {
  size: A4;
  margin: 12mm 12mm 16mm;
  @bottom-left { content: ${cssString(footer)}; font-size: 8pt; color: #475569; }
  @bottom-right { content: ${counter}; font-size: 8pt; color: #475569; }
}
@media print {
  main { padding: 0 !important; }
  .report { font-size: 9pt; }
  .report h1 { font-size: 15pt; }
  .report h2 { font-size: 11pt; break-after: avoid; }
  .report table { font-size: 8pt; }
  .report th, .report td { padding: 2px 4px !important; }
  .report .overflow-x-auto { overflow: visible !important; border: 0 !important; }
  .report tr { break-inside: avoid; }
  .report section { break-inside: auto; }
  .report tfoot { display: table-row-group; }
}`;
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("reports");
  const params = pick(flatParams(await searchParams), KEYS);
  const [t, tEnum, locale] = await Promise.all([getTranslations("reports"), getTranslations("enums"), getLocale()]);
  const loc = toLocale(locale);
  // A choice the report cannot be built from (an end before its start, another station for an OPERATOR) shows the
  // form as submitted, with the message on its field, and no report: the controls then show the page's real state.
  let problem: string | null = null;
  let fieldErrors: Record<string, string> = {};
  const report: Report | null = await buildReport(viewer, params).catch((e: unknown) => {
    if (!(e instanceof AppError) || e.code === "INTERNAL") throw e;
    if (e.code === "VALIDATION" && e.fields) fieldErrors = Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k, renderMsg(loc, m)]));
    // A station the viewer may not read, or that does not exist: said on the scope field.
    else if ((e.code === "FORBIDDEN" || e.code === "NOT_FOUND") && params.station) fieldErrors = { station: renderMsg(loc, e.msg) };
    else problem = renderMsg(loc, e.msg);
    return null;
  });
  const [years, stations] = await Promise.all([availableYears(viewer), stationOptions(viewer)]);
  const asKind = (k: string | undefined): ReportFormValues["kind"] => ((REPORT_KINDS as readonly string[]).includes(k ?? "") ? (k as ReportFormValues["kind"]) : params.from || params.to ? "period" : "annual");
  const values: ReportFormValues = report
    ? {
        kind: report.kind, year: String(report.year), month: report.kind === "monthly" ? report.label : report.period.toMonth,
        from: report.period.fromMonth, to: report.period.toMonth, station: report.station?.code ?? "",
      }
    : { kind: asKind(params.kind), year: params.year ?? String(years[0] ?? ""), month: params.month ?? "", from: params.from ?? "", to: params.to ?? "", station: params.station ?? "" };
  const generated = report ? countyDateTime(report.generatedAt) : "";
  const marks = { page: "\u0001", pages: "\u0002" };

  return (
    <>
      {report ? <style>{printCss(`${t("issuer")} · ${t("generatedLine", { at: generated })}`, t("pageOf", marks))}</style> : null}
      <div className="no-print">
        <PageHeader title={t("pageTitle")} description={t("pageDescription")} actions={report ? <PrintButton label={t("print")} /> : null} />
        {problem ? <div className="mb-3"><Alert tone="error">{problem}</Alert></div> : null}
        <ReportForm key={Object.values(values).join("|") + JSON.stringify(fieldErrors)} values={values} errors={fieldErrors} years={years} stations={stations} />
      </div>
      {report ? <ReportView report={report} locale={locale} t={t} tEnum={tEnum} generated={generated} /> : null}
    </>
  );
}

/** Text with its dates (2019-07, 2020-06-30) kept on one line: a phone must not break "2020-" from "06". */
function keepDates(text: string): React.ReactNode {
  return text.split(/(\d{4}-\d{2}(?:-\d{2})?)/).map((part, i) => (i % 2 === 1 ? <span key={i} className="whitespace-nowrap">{part}</span> : part));
}

type T = Awaited<ReturnType<typeof getTranslations<"reports">>>;
type TEnum = Awaited<ReturnType<typeof getTranslations<"enums">>>;

function ReportView({ report, locale, t, tEnum, generated }: { report: Report; locale: string; t: T; tEnum: TEnum; generated: string }) {
  const n = (v: number) => formatNumber(v, locale);
  const yuan = (fen: number | null) => (fen === null ? "—" : formatYuan(fen, locale));
  const pct = (v: number | null, digits = 2) => formatPercent(v, locale, digits);
  const o = report.overview;
  const tot = report.totals;
  const verdict = (v: boolean | null) => (v === null ? "—" : v ? <Badge tone="green">{t("ready")}</Badge> : <Badge tone="red">{t("notReady")}</Badge>);
  const title = reportTitle(report, toLocale(locale));
  const foot = "border-t-2 border-slate-300 bg-slate-50 font-semibold";
  // A count that a phone leaves out (the table keeps it on wider screens and on paper; a card shows only the money).
  const minor = "hidden sm:table-cell print:table-cell cards:hidden! whitespace-nowrap text-right tabular-nums";
  const figures: [string, React.ReactNode][] = [
    [t("activeStations"), `${n(o.stations.active)} / ${n(o.stations.total)}`],
    [t("coveragePct"), `${pct(o.coverage.percent, 1)}（${n(o.coverage.covered)} / ${n(o.coverage.poorVillages)}）`],
    [t("beneficiaryHouseholds"), n(o.beneficiaries.households)],
    [t("beneficiaryResidents"), n(o.beneficiaries.residents)],
    [t("ecomIncome"), yuan(o.beneficiaries.incomeFen)],
    [t("averageGain"), yuan(o.beneficiaries.averageGainFen)],
    [t("incidencePct", { year: report.year }), <span key="i">{pct(o.incidence.percent)} {verdict(o.incidence.exitReady)}</span>],
    [t("exitedHouseholds", { year: report.year }), `${n(o.households.exited.households)}（${t("ofWhichMonitored", { n: n(o.households.monitored.households) })}）`],
    [t("poorHouseholds", { year: report.year }), `${n(o.households.poor.households)} / ${n(o.households.poor.people)}`],
    [t("exitsInYear", { year: report.year }), `${n(report.exits.households)} / ${n(report.exits.people)}`],
  ];
  const stationFigures: [string, React.ReactNode][] = o.station
    ? [
        [t("stationBeneficiaryHouseholds"), n(o.station.beneficiaries.households)],
        [t("stationBeneficiaryResidents"), n(o.station.beneficiaries.residents)],
        [t("stationAverageGain"), yuan(o.station.beneficiaries.averageGainFen)],
        [t("stationPoorHouseholds", { year: report.year }), `${n(o.station.households.poor.households)} / ${n(o.station.households.poor.people)}`],
      ]
    : [];
  const products = report.products;

  return (
      <article
        className="report space-y-5 rounded-lg border border-slate-200 bg-white p-3 print:border-0 print:p-0 sm:p-6 [&_td]:px-2 [&_th]:px-2 sm:[&_td]:px-3 sm:[&_th]:px-3"
        data-testid="report"
      >
        <header className="border-b border-slate-200 pb-3">
          <h1 className="text-lg font-semibold text-slate-900 sm:text-xl">{keepDates(title)}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {keepDates(t("periodLine", { from: report.period.from, to: report.period.to }))} · {t("issuer")} · {t("generatedLine", { at: generated })}
          </p>
        </header>

        <section aria-labelledby="r-figures">
          <h2 id="r-figures" className="mb-2 text-base font-semibold">{t("sheetSummary")}</h2>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2 print:grid-cols-2">
            {[...figures, ...stationFigures].map(([label, value]) => (
              <div key={label} className="flex justify-between gap-3 border-b border-dashed border-slate-200 py-1">
                <dt className="text-slate-600">{label}</dt>
                <dd className="text-right font-medium tabular-nums text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section aria-labelledby="r-monthly">
          <h2 id="r-monthly" className="mb-2 text-base font-semibold">{t("sheetMonthly")}</h2>
          <Table cards={false} label={t("sheetMonthly")}>
            <thead>
              <tr>
                <Th>{t("month")}</Th>
                <Th className="hidden sm:table-cell print:table-cell text-right">{t("salePayouts")}</Th>
                <Th className="hidden sm:table-cell print:table-cell text-right">{t("stationWages")}</Th>
                <Th className="text-right">{t("total")}</Th>
                {report.station ? <Th className="text-right">{t("stationTotal")}</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.monthly.map((m) => (
                <tr key={m.month}>
                  <Td className="whitespace-nowrap">{m.month}</Td>
                  <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{yuan(m.saleFen)}</Td>
                  <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{yuan(m.jobFen)}</Td>
                  <Td className="whitespace-nowrap text-right tabular-nums">{yuan(m.totalFen)}</Td>
                  {m.station ? <Td className="whitespace-nowrap text-right tabular-nums">{yuan(m.station.totalFen)}</Td> : null}
                </tr>
              ))}
            </tbody>
            <tfoot className={foot} data-testid="monthly-total">
              <tr>
                <Td>{t("totalRow")}</Td>
                <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{yuan(tot.monthly.saleFen)}</Td>
                <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{yuan(tot.monthly.jobFen)}</Td>
                <Td className="whitespace-nowrap text-right tabular-nums" data-testid="monthly-total-amount" data-value={tot.monthly.totalFen}>{yuan(tot.monthly.totalFen)}</Td>
                {tot.monthly.station ? <Td className="whitespace-nowrap text-right tabular-nums">{yuan(tot.monthly.station.totalFen)}</Td> : null}
              </tr>
            </tfoot>
          </Table>
        </section>

        <div className="grid grid-cols-1 gap-5 lg:grid-cols-2 print:grid-cols-2">
          <section aria-labelledby="r-products">
            <h2 id="r-products" className="mb-2 text-base font-semibold">{t("sheetProducts")}</h2>
            <Table cards={false} label={t("sheetProducts")}>
              <thead>
                <tr>
                  <Th>{t("product")}</Th>
                  <Th className="text-right">{t("sales")}</Th>
                  <Th className="hidden sm:table-cell print:table-cell text-right">{t("quantity")}</Th>
                  <Th className="text-right">{t("amount")}</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {products.map((p) => (
                  <tr key={p.product.code}>
                    <Td>{locale === "en" && p.product.nameEn ? p.product.nameEn : p.product.name}</Td>
                    <Td className="whitespace-nowrap text-right tabular-nums">{n(p.sales)}</Td>
                    <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{formatNumber(p.quantity, locale, 1)} {unitShort(p.product.unit, locale)}</Td>
                    <Td className="whitespace-nowrap text-right tabular-nums">{yuan(p.amountFen)}</Td>
                  </tr>
                ))}
                {products.length === 0 ? <tr><Td colSpan={4} className="text-slate-500">{t("none")}</Td></tr> : null}
              </tbody>
              {products.length > 0 ? (
                <tfoot className={foot}>
                  <tr>
                    <Td>{t("totalRow")}</Td>
                    <Td className="whitespace-nowrap text-right tabular-nums">{n(tot.products.sales)}</Td>
                    <Td className="hidden sm:table-cell print:table-cell" />
                    <Td className="whitespace-nowrap text-right tabular-nums">{yuan(tot.products.amountFen)}</Td>
                  </tr>
                </tfoot>
              ) : null}
            </Table>
          </section>
          <section aria-labelledby="r-channels">
            <h2 id="r-channels" className="mb-2 text-base font-semibold">{t("sheetChannels")}</h2>
            <Table cards={false} label={t("sheetChannels")}>
              <thead>
                <tr>
                  <Th>{t("channel")}</Th>
                  <Th className="text-right">{t("sales")}</Th>
                  <Th className="text-right">{t("amount")}</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.channels.map((c) => (
                  <tr key={c.channel}>
                    <Td>{tEnum(`Platform.${c.channel}` as "Platform.TAOBAO")}</Td>
                    <Td className="whitespace-nowrap text-right tabular-nums">{n(c.sales)}</Td>
                    <Td className="whitespace-nowrap text-right tabular-nums">{yuan(c.amountFen)}</Td>
                  </tr>
                ))}
                {report.channels.length === 0 ? <tr><Td colSpan={3} className="text-slate-500">{t("none")}</Td></tr> : null}
              </tbody>
              {report.channels.length > 0 ? (
                <tfoot className={foot}>
                  <tr>
                    <Td>{t("totalRow")}</Td>
                    <Td className="whitespace-nowrap text-right tabular-nums">{n(tot.channels.sales)}</Td>
                    <Td className="whitespace-nowrap text-right tabular-nums" data-testid="channels-total-amount" data-value={tot.channels.amountFen}>{yuan(tot.channels.amountFen)}</Td>
                  </tr>
                </tfoot>
              ) : null}
            </Table>
          </section>
        </div>

        <section aria-labelledby="r-scorecard">
          <h2 id="r-scorecard" className="mb-2 text-base font-semibold">{t("sheetScorecard")}</h2>
          {/* On a phone each station is a card: its code and name on the title line, the two money figures below
              (the counts stay in the table on wider screens and on paper). */}
          <Table data-testid="scorecard" label={t("sheetScorecard")} className="[&_th]:whitespace-normal sm:[&_th]:whitespace-nowrap max-sm:[&_td]:px-0! max-sm:[&_th]:px-0!">
            <thead>
              <tr>
                <Th>{t("station")}</Th>
                <Th className="hidden sm:table-cell print:table-cell text-right">{t("sales")}</Th>
                <Th className="text-right">{t("salesAmount")}</Th>
                <Th className="hidden sm:table-cell print:table-cell text-right">{t("trainings")}</Th>
                <Th className="hidden sm:table-cell print:table-cell text-right">{t("attendees")}</Th>
                <Th className="hidden sm:table-cell print:table-cell text-right">{t("householdsLinked")}</Th>
                <Th className="text-right">{t("incomeThroughStation")}</Th>
                <Th className="hidden sm:table-cell print:table-cell text-right">{t("caseHouseholds")}</Th>
                <Th className="hidden sm:table-cell print:table-cell text-right">{t("caseHouseholdsPaid")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.scorecard.map((s) => (
                <Tr key={s.code} data-testid="scorecard-row">
                  <Td rowHeader primary wide className="font-normal sm:whitespace-nowrap">
                    <span className="font-mono text-xs sm:font-sans sm:text-sm">{s.code}</span> {s.name}
                    {s.status !== "ACTIVE" ? <span className="ml-1"><Badge tone="amber">{tEnum(`StationStatus.${s.status}` as "StationStatus.ACTIVE")}</Badge></span> : null}
                  </Td>
                  <Td className={minor}>{n(s.sales)}</Td>
                  <Td label={t("salesAmount")} className="whitespace-nowrap text-right tabular-nums cards:text-left">{yuan(s.salesFen)}</Td>
                  <Td className={minor}>{n(s.trainings)}</Td>
                  <Td className={minor}>{n(s.attendees)}</Td>
                  <Td className={minor}>{n(s.householdsLinked)}</Td>
                  <Td label={t("incomeThroughStation")} className="whitespace-nowrap text-right tabular-nums cards:text-left">{yuan(s.incomeFen)}</Td>
                  <Td className={minor}>{n(s.monitoredHouseholds)}</Td>
                  <Td className={minor}>{yuan(s.monitoredPaidFen)}</Td>
                </Tr>
              ))}
            </tbody>
            <tfoot className={`${foot} cards:border-0 cards:bg-transparent`}>
              <Tr className="cards:border-slate-400 cards:bg-slate-50">
                <Td rowHeader primary wide className="font-semibold sm:whitespace-nowrap">{t("totalRow")}（{t("stationsCount", { n: n(tot.scorecard.stations) })}）</Td>
                <Td className={minor}>{n(tot.scorecard.sales)}</Td>
                <Td label={t("salesAmount")} className="whitespace-nowrap text-right tabular-nums cards:text-left" data-testid="scorecard-total-sales" data-value={tot.scorecard.salesFen}>{yuan(tot.scorecard.salesFen)}</Td>
                <Td className={minor}>{n(tot.scorecard.trainings)}</Td>
                <Td className={minor}>{n(tot.scorecard.attendees)}</Td>
                <Td className={minor}>{n(tot.scorecard.householdsLinked)}</Td>
                <Td label={t("incomeThroughStation")} className="whitespace-nowrap text-right tabular-nums cards:text-left">{yuan(tot.scorecard.incomeFen)}</Td>
                <Td className={minor}>{n(tot.scorecard.monitoredHouseholds)}</Td>
                <Td className={minor} data-testid="scorecard-total-monitored-paid" data-value={tot.scorecard.monitoredPaidFen}>{yuan(tot.scorecard.monitoredPaidFen)}</Td>
              </Tr>
            </tfoot>
          </Table>
          <p className="mt-1 text-xs text-slate-500">{t("scorecardNote")}</p>
        </section>

        {report.townships.length > 0 ? (
          <section aria-labelledby="r-townships">
            <h2 id="r-townships" className="mb-2 text-base font-semibold">{t("sheetTownships", { year: report.year })}</h2>
            <Table cards={false} label={t("sheetTownships", { year: report.year })} className="[&_th]:whitespace-normal sm:[&_th]:whitespace-nowrap">
              <thead>
                <tr>
                  <Th>{t("township")}</Th>
                  <Th className="hidden sm:table-cell print:table-cell text-right">{t("population")}</Th>
                  <Th className="hidden sm:table-cell print:table-cell text-right">{t("poorPeopleShort")}</Th>
                  <Th className="hidden sm:table-cell print:table-cell text-right">{t("exitedPeople")}</Th>
                  <Th className="text-right">{t("incidencePctShort")}</Th>
                  <Th>{t("verdict")}</Th>
                  <Th className="hidden sm:table-cell print:table-cell text-right">{t("ecomIncome")}</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.townships.map((r) => (
                  <tr key={r.code}>
                    <Td className="sm:whitespace-nowrap">{locale === "en" && r.nameEn ? r.nameEn : r.name}</Td>
                    <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{n(r.population)}</Td>
                    <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{n(r.poorPeople)}</Td>
                    <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{n(r.exitedPeople)}</Td>
                    <Td className="whitespace-nowrap text-right tabular-nums">{pct(r.incidencePct)}</Td>
                    <Td className="whitespace-nowrap">{verdict(r.exitReady)}</Td>
                    <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{yuan(r.ecommerceIncomeFen)}</Td>
                  </tr>
                ))}
              </tbody>
              <tfoot className={foot}>
                <tr>
                  <Td>{t("totalRow")}</Td>
                  <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{n(tot.townships.population)}</Td>
                  <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{n(tot.townships.poorPeople)}</Td>
                  <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{n(tot.townships.exitedPeople)}</Td>
                  <Td className="whitespace-nowrap text-right tabular-nums">{pct(tot.townships.incidencePct)}</Td>
                  <Td className="whitespace-nowrap">{verdict(o.incidence.exitReady)}</Td>
                  <Td className="hidden sm:table-cell print:table-cell whitespace-nowrap text-right tabular-nums">{yuan(tot.townships.ecommerceIncomeFen)}</Td>
                </tr>
              </tfoot>
            </Table>
          </section>
        ) : null}
      </article>
  );
}
