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
import { buildReport } from "@/lib/reports";
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
        householdsLinked: 2, payoutFen: 70_000, wageFen: 0, incomeFen: 70_000 },
      { code: "RS-B", name: "RS-B服务站", status: "ACTIVE", level: "VILLAGE", sales: 1, salesFen: 20_000, trainings: 0, attendees: 0, householdsTrained: 0,
        householdsLinked: 1, payoutFen: 0, wageFen: 15_000, incomeFen: 15_000 },
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
    expect(card.getRow(2).values).toEqual([undefined, "RS-A", "RS-A服务站", "运营中", "村级", 2, 1500, 1, 12, 2, 2, 700, 0, 700]);

    const csv = await reportFile(f.viewer, { kind: "annual", year: "2020", format: "csv" }, "en");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body); // keep the BOM to check it
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("Station scorecard\r\nStation code,Station name,Status,Level,Sales,Sales (yuan)");
    expect(text).toContain("RS-A,RS-A服务站,Active,Village,2,1500,1,12,2,2,700,0,700");
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
});
