// A report as a download: XLSX (one sheet per table, numbers as numbers, a bold total row under each table that has
// one) or CSV (UTF-8 with BOM for Excel in China;
// the tables one after another, each under its title). Labels in the caller's language; money in yuan.
import ExcelJS from "exceljs";
import { z } from "zod";
import { parseInput } from "../errors";
import type { Viewer } from "../auth/viewer";
import { renderMsg } from "../i18n";
import type { Locale } from "../validation/auth";
import type { WholeFile } from "../import/export";
import { countyDateTime } from "../format";
import { addSheet, csvLine, csvTable, type Cell } from "../spreadsheet";
import { unitLabel } from "../units";
import { buildReport, type Report } from "./index";

/** A table of the report; `total` is its total row (bold in XLSX, last in CSV), when a sum means something. */
type Table = { key: string; title: string; headers: string[]; rows: Cell[][]; total?: Cell[]; money?: number[]; percent?: number[] };

const yuan = (fen: number) => Math.round(fen) / 100;
const pct = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/** The report's tables, labelled in one language. */
export function reportTables(report: Report, locale: Locale): Table[] {
  const t = (key: string, values?: Record<string, string | number>) => renderMsg(locale, { key: `reports.${key}`, values });
  const e = (name: string, code: string) => renderMsg(locale, { key: `enums.${name}.${code}` });
  const o = report.overview;
  const verdict = (v: boolean | null) => (v === null ? "—" : v ? t("ready") : t("notReady"));
  const summary: Cell[][] = [
    [t("title"), reportTitle(report, locale)],
    [t("period"), `${report.period.from} — ${report.period.to}`],
    [t("scope"), report.station ? `${report.station.code} ${report.station.name}` : t("county")],
    [t("generatedAt"), countyDateTime(report.generatedAt)],
    [t("activeStations"), o.stations.active],
    [t("stationsTotal"), o.stations.total],
    [t("poorVillages"), o.coverage.poorVillages],
    [t("coveredPoorVillages"), o.coverage.covered],
    [t("coveragePct"), pct(o.coverage.percent)],
    [t("beneficiaryHouseholds"), o.beneficiaries.households],
    [t("beneficiaryResidents"), o.beneficiaries.residents],
    [t("ecomIncome"), yuan(o.beneficiaries.incomeFen)],
    [t("averageGain"), o.beneficiaries.averageGainFen === null ? null : yuan(o.beneficiaries.averageGainFen)],
    [t("incidencePct", { year: report.year }), pct(o.incidence.percent)],
    [t("thresholdPct"), o.incidence.thresholdPct],
    [t("verdict"), verdict(o.incidence.exitReady)],
    [t("exitedHouseholds", { year: report.year }), o.households.exited.households],
    [t("monitoredHouseholds"), o.households.monitored.households],
    [t("poorHouseholds", { year: report.year }), o.households.poor.households],
    [t("poorPeople", { year: report.year }), o.households.poor.people],
    [t("exitsInYear", { year: report.year }), `${report.exits.households} / ${report.exits.people}`],
  ];
  if (o.station) {
    summary.push(
      [t("stationBeneficiaryHouseholds"), o.station.beneficiaries.households],
      [t("stationBeneficiaryResidents"), o.station.beneficiaries.residents],
      [t("stationAverageGain"), o.station.beneficiaries.averageGainFen === null ? null : yuan(o.station.beneficiaries.averageGainFen)],
      [t("stationPoorHouseholds", { year: report.year }), o.station.households.poor.households],
    );
  }
  const station = report.station !== null;
  const tot = report.totals;
  const totalLabel = t("totalRow");
  const tables: Table[] = [
    { key: "summary", title: t("sheetSummary"), headers: [t("item"), t("value")], rows: summary },
    {
      key: "monthly", title: t("sheetMonthly"),
      headers: [t("month"), t("salePayouts"), t("stationWages"), t("total"), ...(station ? [t("stationSalePayouts"), t("stationWages2"), t("stationTotal")] : [])],
      rows: report.monthly.map((m) => [m.month, yuan(m.saleFen), yuan(m.jobFen), yuan(m.totalFen), ...(m.station ? [yuan(m.station.saleFen), yuan(m.station.jobFen), yuan(m.station.totalFen)] : [])]),
      total: [totalLabel, yuan(tot.monthly.saleFen), yuan(tot.monthly.jobFen), yuan(tot.monthly.totalFen),
        ...(tot.monthly.station ? [yuan(tot.monthly.station.saleFen), yuan(tot.monthly.station.jobFen), yuan(tot.monthly.station.totalFen)] : [])],
      money: station ? [1, 2, 3, 4, 5, 6] : [1, 2, 3],
    },
    {
      key: "products", title: t("sheetProducts"),
      headers: [t("productCode"), t("product"), t("unit"), t("sales"), t("quantity"), t("amount")],
      rows: report.products.map((p) => [p.product.code, locale === "en" && p.product.nameEn ? p.product.nameEn : p.product.name, unitLabel(p.product.unit, locale), p.sales, p.quantity, yuan(p.amountFen)]),
      // Quantities are in different units: no sum.
      total: [totalLabel, null, null, tot.products.sales, null, yuan(tot.products.amountFen)],
      money: [5],
    },
    {
      key: "channels", title: t("sheetChannels"),
      headers: [t("channel"), t("sales"), t("amount")],
      rows: report.channels.map((c) => [e("Platform", c.channel), c.sales, yuan(c.amountFen)]),
      total: [totalLabel, tot.channels.sales, yuan(tot.channels.amountFen)],
      money: [2],
    },
    {
      key: "scorecard", title: t("sheetScorecard"),
      headers: [t("stationCode"), t("stationName"), t("status"), t("level"), t("sales"), t("salesAmount"), t("trainings"), t("attendees"),
        t("householdsTrained"), t("householdsLinked"), t("salePayouts"), t("stationWages"), t("incomeThroughStation"), t("caseHouseholds"), t("caseHouseholdsPaid")],
      rows: report.scorecard.map((s) => [s.code, s.name, e("StationStatus", s.status), e("StationLevel", s.level), s.sales, yuan(s.salesFen), s.trainings,
        s.attendees, s.householdsTrained, s.householdsLinked, yuan(s.payoutFen), yuan(s.wageFen), yuan(s.incomeFen), s.monitoredHouseholds, yuan(s.monitoredPaidFen)]),
      total: [totalLabel, t("stationsCount", { n: tot.scorecard.stations }), null, null, tot.scorecard.sales, yuan(tot.scorecard.salesFen), tot.scorecard.trainings,
        tot.scorecard.attendees, tot.scorecard.householdsTrained, tot.scorecard.householdsLinked, yuan(tot.scorecard.payoutFen), yuan(tot.scorecard.wageFen),
        yuan(tot.scorecard.incomeFen), tot.scorecard.monitoredHouseholds, yuan(tot.scorecard.monitoredPaidFen)],
      money: [5, 10, 11, 12, 14],
    },
  ];
  if (report.townships.length > 0) {
    tables.push({
      key: "townships", title: t("sheetTownships", { year: report.year }),
      headers: [t("townshipCode"), t("township"), t("population"), t("registeredHouseholds"), t("registeredPeople"), t("poorPeopleShort"),
        t("exitedPeople"), t("incidencePctShort"), t("verdict"), t("ecomIncome")],
      rows: report.townships.map((r) => [r.code, locale === "en" && r.nameEn ? r.nameEn : r.name, r.population, r.households, r.people, r.poorPeople,
        r.exitedPeople, pct(r.incidencePct), verdict(r.exitReady), yuan(r.ecommerceIncomeFen)]),
      total: [totalLabel, null, tot.townships.population, tot.townships.households, tot.townships.people, tot.townships.poorPeople,
        tot.townships.exitedPeople, pct(tot.townships.incidencePct), verdict(o.incidence.exitReady), yuan(tot.townships.ecommerceIncomeFen)],
      money: [9], percent: [7],
    });
  }
  return tables;
}

export function reportTitle(report: Report, locale: Locale): string {
  const scope = report.station ? report.station.name : renderMsg(locale, { key: "reports.countyName" });
  if (report.kind === "period") return renderMsg(locale, { key: "reports.periodTitle", values: { scope, from: report.period.fromMonth, to: report.period.toMonth } });
  return renderMsg(locale, { key: report.kind === "monthly" ? "reports.monthlyTitle" : "reports.annualTitle", values: { scope, label: report.label } });
}

/** The file's name: 年报-2020, 月报-2020-06, 报表-2019-07_2020-06 (plus the station's code), in the file's language. */
export function reportFilename(report: Report, locale: Locale): string {
  const label = report.kind === "period" ? `${report.period.fromMonth}_${report.period.toMonth}` : report.label;
  return [renderMsg(locale, { key: `reports.file.${report.kind}` }), label, report.station?.code].filter(Boolean).join("-");
}

export const reportFormatSchema = z.object({ format: z.enum(["json", "csv", "xlsx"]).default("json") });

/** The report as XLSX or CSV. */
export async function reportFile(viewer: Viewer, query: Record<string, unknown>, locale: Locale): Promise<WholeFile> {
  const { format } = parseInput(reportFormatSchema, { format: query.format });
  const report = await buildReport(viewer, query);
  const tables = reportTables(report, locale);
  const name = reportFilename(report, locale);
  if (format === "csv") {
    // Every cell through lib/spreadsheet.ts: text that starts like a formula gets a leading ', numbers stay numbers.
    const text = tables.map((tb) => `${csvLine([tb.title])}\r\n${csvTable(tb.headers, tb.total ? [...tb.rows, tb.total] : tb.rows)}`).join("\r\n\r\n");
    return { filename: `${name}.csv`, contentType: "text/csv; charset=utf-8", body: new TextEncoder().encode(`\uFEFF${text}\r\n`) };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Rongshui e-commerce public service center";
  for (const tb of tables) {
    const rows = tb.total ? [...tb.rows, tb.total] : tb.rows;
    const sheet = addSheet(workbook, tb.title, tb.headers, rows, { money: tb.money });
    if (tb.total) {
      const last = sheet.getRow(rows.length + 1);
      last.font = { bold: true };
      last.eachCell((cell) => { cell.border = { top: { style: "thin" } }; });
    }
    sheet.columns.forEach((c, i) => {
      const longest = Math.max(...[tb.headers[i] ?? "", ...rows.map((r) => String(r[i] ?? ""))].map((s) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 2 : 1), 0)));
      c.width = Math.min(48, Math.max(8, longest + 2));
    });
  }
  return { filename: `${name}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

/** For GET /api/v1/reports: the report as JSON (format json, the default) or as a file. */
export async function reportForApi(viewer: Viewer, query: Record<string, unknown>, locale: Locale): Promise<{ file: WholeFile } | { report: Report }> {
  const { format } = parseInput(reportFormatSchema, { format: query.format === "" ? undefined : query.format });
  const { format: _f, ...rest } = query;
  return format === "json" ? { report: await buildReport(viewer, rest) } : { file: await reportFile(viewer, { ...rest, format }, locale) };
}
