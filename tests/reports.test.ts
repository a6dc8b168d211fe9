// Reports (annual and monthly, county and station, scorecard) against hand-computed fixtures, their XLSX and CSV
// files, and the progress API routes (overview, drill-down, reports) with their refusals, called as route handlers.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/auth/tokens";
import { recordSale, reverseSale } from "@/lib/sales";
import { createIncomeEntry } from "@/lib/income";
import { recordTraining } from "@/lib/trainings";
import { overview } from "@/lib/progress";
import { POLICY } from "@/lib/auth/policy";
import { buildReport, type Report } from "@/lib/reports";
import { monthIndex, monthLabel } from "@/lib/progress/months";
import { reportFile } from "@/lib/reports/files";
import * as overviewRoute from "@/app/api/v1/overview/route";
import * as progressRoute from "@/app/api/v1/progress/route";
import * as reportsRoute from "@/app/api/v1/reports/route";
import { expectCode, makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct } from "./network-helpers";

vi.mock("@/lib/auth/session", () => ({ currentViewer: async () => null }));

let f: Fixture;
const tokens: Record<string, string> = {};
let hA1: { id: number }, hA2: { id: number }, hB: { id: number };

beforeAll(async () => {
  f = await makeFixture();
  await db.exitThreshold.create({ data: { region: "WESTERN", incidenceBelowPct: 3 } });
  for (const who of ["admin", "viewer", "operatorA", "operatorB"] as const) tokens[who] = (await createApiToken(f.admin, { name: who, userId: f[who].id })).secret;
  const product = await makeProduct(f);
  hA1 = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id, size: 4 });
  hA2 = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id, size: 2 });
  hB = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id, size: 5 });
  const sale = (stationId: number, date: string, amountFen: number, suppliers: [number, number][], channel = "TAOBAO") =>
    recordSale(f.staff, { productId: product.id, stationId, channel, date, quantity: "2", amountFen, suppliers: suppliers.map(([householdId, payoutFen]) => ({ householdId, payoutFen })) });
  // 2020: RS-A sells ¥1,000 (payouts ¥400 + ¥200) in March and ¥500 (payout ¥100) in June on JD; RS-B sells ¥800
  // (payout ¥300) in June, reversed, and ¥200 (no supplier) in December. hB works at RS-B in June (¥150).
  await sale(f.stationA.id, "2020-03-05", 100_000, [[hA1.id, 40_000], [hA2.id, 20_000]]);
  await sale(f.stationA.id, "2020-06-30", 50_000, [[hA1.id, 10_000]], "JD");
  const wrong = await sale(f.stationB.id, "2020-06-10", 80_000, [[hB.id, 30_000]]);
  await reverseSale(f.staff, wrong.sale.id, { reason: "退货" });
  await sale(f.stationB.id, "2020-12-31", 20_000, []);
  await createIncomeEntry(f.staff, { householdId: hB.id, date: "2020-06-01", category: "WAGE", source: "STATION_JOB", amountFen: 15_000 });
  await recordTraining(f.staff, { stationId: f.stationA.id, date: "2020-06-15", topic: "直播带货", attendeeCount: 12, householdIds: [hA1.id, hA2.id] });
  await recordTraining(f.staff, { stationId: f.stationA.id, date: "2021-01-15", topic: "下一年", attendeeCount: 5, householdIds: [] });
  // 2019, for the July–June period: RS-A sells ¥700 (payout ¥250) on 30 June, the day before the period, and ¥400
  // (payout ¥150) in November; RS-B sells ¥300 (payout ¥120) on 1 July, its first day.
  await sale(f.stationA.id, "2019-06-30", 70_000, [[hA1.id, 25_000]]);
  await sale(f.stationA.id, "2019-11-15", 40_000, [[hA2.id, 15_000]]);
  await sale(f.stationB.id, "2019-07-01", 30_000, [[hB.id, 12_000]], "JD");
});

describe("reports", () => {
  it("annual county report: the dashboard's figures, sales by platform, and the station scorecard", async () => {
    const r = await buildReport(f.viewer, { kind: "annual", year: "2020" });
    expect(r).toMatchObject({ kind: "annual", label: "2020", period: { from: "2020-01-01", to: "2020-12-31" }, station: null });
    expect(r.overview).toEqual(await overview(f.viewer, { from: "2020-01-01", to: "2020-12-31", year: "2020" }));
    expect(r.overview.beneficiaries).toMatchObject({ households: 3, residents: 11, incomeFen: 85_000 });
    expect(r.channels).toEqual([{ channel: "TAOBAO", sales: 2, amountFen: 120_000 }, { channel: "JD", sales: 1, amountFen: 50_000 }]);
    expect(r.scorecard).toEqual([
      { code: "RS-A", name: "RS-A服务站", status: "ACTIVE", level: "VILLAGE", sales: 2, salesFen: 150_000, trainings: 1, attendees: 12, householdsTrained: 2,
        householdsLinked: 2, payoutFen: 70_000, wageFen: 0, incomeFen: 70_000, monitoredHouseholds: 0, monitoredPaidFen: 0 },
      { code: "RS-B", name: "RS-B服务站", status: "ACTIVE", level: "VILLAGE", sales: 1, salesFen: 20_000, trainings: 0, attendees: 0, householdsTrained: 0,
        householdsLinked: 1, payoutFen: 0, wageFen: 15_000, incomeFen: 15_000, monitoredHouseholds: 0, monitoredPaidFen: 0 },
    ]);
    expect(r.monthly).toHaveLength(12);
    expect(r.townships.map((t) => t.code)).toEqual([f.township.code]);
  });

  it("monthly station report: only that station's month", async () => {
    const r = await buildReport(f.operatorA, { kind: "monthly", month: "2020-06", station: "RS-A" });
    expect(r).toMatchObject({ label: "2020-06", period: { from: "2020-06-01", to: "2020-06-30" }, station: { code: "RS-A" }, townships: [] });
    expect(r.scorecard).toEqual([expect.objectContaining({ code: "RS-A", sales: 1, salesFen: 50_000, trainings: 1, payoutFen: 10_000 })]);
    expect(r.channels).toEqual([{ channel: "JD", sales: 1, amountFen: 50_000 }]);
    expect(r.products).toEqual([{ product: expect.objectContaining({ code: "P-TEA" }), sales: 1, quantity: 2, amountFen: 50_000 }]);
    expect(r.overview.station).toMatchObject({ beneficiaries: { households: 1, residents: 4, incomeFen: 10_000 } });
    expect(r.monthly).toEqual([expect.objectContaining({ month: "2020-06", totalFen: 25_000, station: { saleFen: 10_000, jobFen: 0, totalFen: 10_000 } })]);
  });

  it("lets an OPERATOR read the county's report and their own station's, not another station's", async () => {
    expect((await buildReport(f.operatorB, { year: "2020" })).station).toBeNull();
    await expectCode(buildReport(f.operatorB, { year: "2020", station: "RS-A" }), "FORBIDDEN");
    await expectCode(buildReport(f.viewer, { year: "2020", station: "RS-Z" }), "NOT_FOUND");
    await expectCode(buildReport(f.viewer, { kind: "monthly", month: "2020-13" }), "VALIDATION");
  });

  it("downloads as XLSX with the same numbers, and as CSV with a BOM", async () => {
    const file = await reportFile(f.viewer, { kind: "annual", year: "2020", format: "xlsx" }, "zh-CN");
    expect(file.filename).toBe("年报-2020.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["主要指标", "月度电商收入", "产品销售", "销售平台", "服务站成绩单", "各乡镇贫困发生率（2020 年底）"]);
    const summary = new Map<string, unknown>();
    book.getWorksheet("主要指标")!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get("电商受益贫困户（户）")).toBe(3);
    expect(summary.get("受益贫困人口（人）")).toBe(11);
    expect(summary.get("电商收入（元）")).toBe(850);
    const card = book.getWorksheet("服务站成绩单")!;
    expect(card.getRow(2).values).toEqual([undefined, "RS-A", "RS-A服务站", "运营中", "村级", 2, 1500, 1, 12, 2, 2, 700, 0, 700, 0, 0]);

    const csv = await reportFile(f.viewer, { kind: "annual", year: "2020", format: "csv" }, "en");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body); // keep the BOM to check it
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("Station scorecard\r\nStation code,Station name,Status,Level,Sales,Sales (yuan)");
    expect(text).toContain("RS-A,RS-A服务站,Active,Village,2,1500,1,12,2,2,700,0,700");
  });
});

describe("monitored households in the scorecard and on the station page", () => {
  it("counts the households a case covers in the period and what the station's sales paid them", async () => {
    // A case for hA2 opened in 2021 (after the 2020 report), one for hA1 opened 2020-05-01 and one for hB closed as
    // wrong. 2020: hA1 was paid ¥400 (March, before its case: still the period's) and ¥100 (June) by RS-A's sales.
    const { openCase, changeCase, stationMonitoring } = await import("@/lib/monitoring");
    await openCase(f.staff, { householdId: hA1.id, type: "UNSTABLE_EXITED", riskTypes: ["ILLNESS"], openedOn: "2020-05-01" });
    await openCase(f.staff, { householdId: hA2.id, type: "UNSTABLE_EXITED", riskTypes: ["ILLNESS"], openedOn: "2021-02-01" });
    const wrong = await openCase(f.staff, { householdId: hB.id, type: "UNSTABLE_EXITED", riskTypes: ["ILLNESS"], openedOn: "2020-05-01" });
    await changeCase(f.staff, wrong.id, { action: "close", date: "2020-05-02", reason: "录入错误" });
    const r = await buildReport(f.viewer, { kind: "annual", year: "2020" });
    expect(r.scorecard.map((s) => [s.code, s.monitoredHouseholds, s.monitoredPaidFen])).toEqual([["RS-A", 1, 50_000], ["RS-B", 0, 0]]);
    expect(r.totals.scorecard).toMatchObject({ monitoredHouseholds: 1, monitoredPaidFen: 50_000 });
    // A period ending before the case opened has no monitored household.
    const early = await buildReport(f.viewer, { kind: "monthly", month: "2020-03", station: "RS-A" });
    expect(early.scorecard[0]).toMatchObject({ monitoredHouseholds: 0, monitoredPaidFen: 0 });
    // The station page: its own operator reads it, another station's operator is refused.
    const page = await stationMonitoring(f.operatorA, f.stationA.id);
    // Its default year is a monitoring year (2021 on): both open cases of RS-A cover it (4 + 2 people); no sale since 2020.
    expect(page).toMatchObject({ households: 2, people: 6, paidFen: 0 });
    await expectCode(stationMonitoring(f.operatorB, f.stationA.id), "FORBIDDEN");
  });
});

describe("period reports (any run of whole months)", () => {
  const sum = (reports: Report[], pick: (r: Report) => number) => reports.reduce((acc, r) => acc + pick(r), 0);

  it("July 2019 – June 2020 is exactly the months July..June: rows, totals, scorecard and platforms", async () => {
    const r = await buildReport(f.viewer, { from: "2019-07", to: "2020-06" });
    expect(r).toMatchObject({ kind: "period", label: "2019-07—2020-06", year: 2020, station: null,
      period: { from: "2019-07-01", to: "2020-06-30", fromMonth: "2019-07", toMonth: "2020-06", months: 12 } });
    const labels = Array.from({ length: 12 }, (_, i) => monthLabel(monthIndex(2019, 7) + i));
    expect(labels[0]).toBe("2019-07");
    expect(labels[11]).toBe("2020-06");
    const months = await Promise.all(labels.map((month) => buildReport(f.viewer, { kind: "monthly", month })));
    expect(r.monthly).toEqual(months.flatMap((m) => m.monthly));
    for (const key of ["saleFen", "jobFen", "totalFen"] as const) expect(r.totals.monthly[key]).toBe(sum(months, (m) => m.totals.monthly[key]));
    for (const key of ["sales", "salesFen", "trainings", "attendees", "payoutFen", "wageFen", "incomeFen"] as const) {
      expect(r.totals.scorecard[key], key).toBe(sum(months, (m) => m.totals.scorecard[key]));
    }
    expect(r.totals.channels).toEqual({ sales: sum(months, (m) => m.totals.channels.sales), amountFen: sum(months, (m) => m.totals.channels.amountFen) });
    // By hand: 1 July 2019 (¥300) and November (¥400) in, 30 June 2019 (¥700) out; March (¥1,000) and 30 June 2020
    // (¥500) in; RS-B's reversed June sale out; December 2020 out. Payouts ¥120 + ¥150 + ¥600 + ¥100, wage ¥150.
    expect(r.totals.scorecard).toMatchObject({ stations: 2, sales: 4, salesFen: 220_000, payoutFen: 97_000, wageFen: 15_000, incomeFen: 112_000 });
    expect(r.totals.monthly.totalFen).toBe(112_000);
    expect(r.channels).toEqual([{ channel: "TAOBAO", sales: 2, amountFen: 140_000 }, { channel: "JD", sales: 2, amountFen: 80_000 }]);
    expect(r.overview.beneficiaries).toMatchObject({ households: 3, incomeFen: 112_000 });
  });

  it("a station's period report, and the XLSX with the period and a total row on each table", async () => {
    const r = await buildReport(f.viewer, { kind: "period", from: "2019-07-01", to: "2020-06-30", station: "RS-B" });
    expect(r.scorecard).toEqual([expect.objectContaining({ code: "RS-B", sales: 1, salesFen: 30_000, payoutFen: 12_000, wageFen: 15_000 })]);
    expect(r.totals.monthly.station).toEqual({ saleFen: 12_000, jobFen: 15_000, totalFen: 27_000 });

    const file = await reportFile(f.viewer, { from: "2019-07", to: "2020-06", format: "xlsx" }, "zh-CN");
    expect(file.filename).toBe("报表-2019-07_2020-06.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as ArrayBuffer);
    const summary = new Map<string, unknown>();
    book.getWorksheet("主要指标")!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get("统计期")).toBe("2019-07-01 — 2020-06-30");
    expect(String(summary.get("报表"))).toContain("2019-07 至 2020-06");
    const monthly = book.getWorksheet("月度电商收入")!;
    expect(monthly.rowCount).toBe(1 + 12 + 1);
    const last = monthly.getRow(monthly.rowCount);
    expect(last.getCell(1).value).toBe("合计");
    expect(last.getCell(4).value).toBe(1120);
    expect(last.font?.bold).toBe(true);
    const card = book.getWorksheet("服务站成绩单")!;
    expect(card.getRow(card.rowCount).values).toEqual([undefined, "合计", "2 个服务站", undefined, undefined, 4, 2200, 1, 12, 2, 3, 970, 150, 1120, 1, 500]); // the last two: hA1 under a case from 2020-05-01, paid ¥400 + ¥100 by RS-A in the period
    const channels = book.getWorksheet("销售平台")!;
    expect(channels.getRow(channels.rowCount).values).toEqual([undefined, "合计", 4, 2200]);
    // English file: English labels and units.
    const en = await reportFile(f.viewer, { from: "2019-07", to: "2020-06", format: "xlsx" }, "en");
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load(en.body as unknown as ArrayBuffer);
    const products = enBook.getWorksheet("Sales by product")!;
    expect(products.getRow(2).getCell(3).value).toBe("jin (500 g)");
    expect(products.getRow(products.rowCount).getCell(1).value).toBe("Total");
  });

  it("refuses a period whose end is before its start, a missing end and a day inside a month as field errors; an empty filter is not set", async () => {
    await expect(buildReport(f.viewer, { from: "2020-06", to: "2019-07" })).rejects.toMatchObject({ code: "VALIDATION", fields: { to: { key: "progress.validation.order" } } });
    await expect(buildReport(f.viewer, { kind: "period", from: "2019-07", to: "" })).rejects.toMatchObject({ code: "VALIDATION", fields: { to: { key: "reports.validation.toRequired" } } });
    await expect(buildReport(f.viewer, { kind: "period", from: "2019-07-02", to: "2020-06" })).rejects.toMatchObject({ code: "VALIDATION", fields: { from: expect.anything() } });
    const county = await buildReport(f.viewer, { kind: "annual", year: "2020", month: "", from: "", to: "", station: "" });
    expect(county).toMatchObject({ kind: "annual", label: "2020", station: null });
  });

  it("a station's report is the policy's answer: a VIEWER reads any station's, an OPERATOR only their own", async () => {
    // The policy table: reports.read for every role, station-bound ("own") for an OPERATOR only.
    expect(POLICY["reports.read"]).toMatchObject({ station: "own" });
    expect((await buildReport(f.viewer, { from: "2019-07", to: "2020-06", station: "RS-A" })).station).toMatchObject({ code: "RS-A" });
    await expectCode(buildReport(f.operatorB, { from: "2019-07", to: "2020-06", station: "RS-A" }), "FORBIDDEN");
    expect((await buildReport(f.operatorA, { from: "2019-07", to: "2020-06", station: "RS-A" })).station).toMatchObject({ code: "RS-A" });
  });
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function get(handler: { GET: unknown }, who: keyof typeof tokens | null, url: string) {
  const headers: Record<string, string> = {};
  if (who) headers.Authorization = `Bearer ${tokens[who]}`;
  const res = await (handler.GET as Handler)(new Request(`http://test.local${url}`, { headers }), { params: Promise.resolve({}) });
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, body: type.includes("json") ? await res.json() : await res.arrayBuffer() };
}

describe("progress API", () => {
  it("GET /api/v1/overview answers the same figures as lib/progress, and refuses anonymous callers and bad periods", async () => {
    const r = await get(overviewRoute, "viewer", "/api/v1/overview?from=2020-01-01&to=2020-12-31&year=2020");
    expect(r.status).toBe(200);
    expect(r.body).toEqual(JSON.parse(JSON.stringify(await overview(f.viewer, { from: "2020-01-01", to: "2020-12-31", year: "2020" }))));
    expect((await get(overviewRoute, null, "/api/v1/overview")).status).toBe(401);
    const bad = await get(overviewRoute, "viewer", "/api/v1/overview?from=2020-01-02&to=2020-12-31");
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "VALIDATION", fields: { from: expect.any(String) } } } });
    expect((await get(overviewRoute, "operatorA", "/api/v1/overview?station=RS-B")).status).toBe(403);
  });

  it("GET /api/v1/progress drills down, and refuses an OPERATOR another station's households", async () => {
    const towns = await get(progressRoute, "viewer", "/api/v1/progress?year=2020&level=township");
    expect(towns.body.rows).toEqual([expect.objectContaining({ code: f.township.code, poorPeople: 11, incidencePct: 11 / 2000 * 100 })]);
    const mine = await get(progressRoute, "operatorA", `/api/v1/progress?year=2020&level=household&parent=${f.villageA.code}`);
    expect(mine.body.households.map((h: { id: number }) => h.id)).toEqual([hA1.id, hA2.id]);
    const other = await get(progressRoute, "operatorA", `/api/v1/progress?year=2020&level=household&parent=${f.villageB.code}`);
    expect(other).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
  });

  it("GET /api/v1/reports answers JSON or a file, and refuses an unknown format", async () => {
    const json = await get(reportsRoute, "operatorA", "/api/v1/reports?kind=annual&year=2020&station=RS-A");
    expect(json.body).toMatchObject({ station: { code: "RS-A" }, scorecard: [expect.objectContaining({ code: "RS-A" })] });
    const xlsx = await get(reportsRoute, "viewer", "/api/v1/reports?kind=annual&year=2020&format=xlsx");
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain("spreadsheetml");
    expect((await get(reportsRoute, "viewer", "/api/v1/reports?format=pdf")).status).toBe(400);
    expect((await get(reportsRoute, "operatorB", "/api/v1/reports?year=2020&station=RS-A&format=csv")).status).toBe(403);
  });

  it("GET /api/v1/reports takes from/to months (kind period), and answers a bad period with a field-level 400", async () => {
    const json = await get(reportsRoute, "viewer", "/api/v1/reports?from=2019-07&to=2020-06&station=");
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ kind: "period", station: null, period: { from: "2019-07-01", to: "2020-06-30", months: 12 } });
    expect(json.body.totals).toEqual(JSON.parse(JSON.stringify((await buildReport(f.viewer, { from: "2019-07", to: "2020-06" })).totals)));
    const reversed = await get(reportsRoute, "viewer", "/api/v1/reports?kind=period&from=2020-06&to=2019-07&format=xlsx");
    expect(reversed).toMatchObject({ status: 400, body: { error: { code: "VALIDATION", fields: { to: expect.any(String) } } } });
    const missing = await get(reportsRoute, "viewer", "/api/v1/reports?kind=period&from=&to=");
    expect(missing).toMatchObject({ status: 400, body: { error: { code: "VALIDATION", fields: { from: expect.any(String), to: expect.any(String) } } } });
    const bad = await get(reportsRoute, "viewer", "/api/v1/reports?from=2019-13&to=2020-06");
    expect(bad).toMatchObject({ status: 400, body: { error: { fields: { from: expect.any(String) } } } });
    const csv = await get(reportsRoute, "viewer", "/api/v1/reports?kind=period&from=2019-07&to=2020-06&format=csv");
    expect(csv.status).toBe(200);
    const text = new TextDecoder().decode(csv.body as ArrayBuffer);
    expect(text).toContain("2019-07-01 — 2020-06-30");
    expect(text).toMatch(/\r\n合计,/);
  });
});
