// County progress figures against hand-computed fixtures, and the summary tables against a full recompute.
//
// Places: township T1 with poor villages A (population 1,000), B (1,000) and E (50, no station), township T2 with
// village C (population 0). Stations RS-A (covers A), RS-B (covers B), RS-C (SUSPENDED, covers nothing).
// Households (size, standing, registered, station, village):
//   h1 4 POOR 2014 RS-A A · h2 3 EXITED 2019 RS-A A · h3 2 MONITORED 2020 RS-A A · h7 3 POOR registered 2021 RS-A A
//   h8 2 EXITED 2018 RS-B A · h4 5 POOR 2014 RS-B B (size changed to 6 at the end) · h5 1 EXITED 2020 RS-B B
//   h6 2 POOR 2014 no station E
// E-commerce money, all through the lib/ functions (sales, manual entries, reversals, an import):
//   S1 RS-A tea 2019-07-01 (first day of the period) ¥1,000 → h1 ¥600, h2 ¥300
//   S2 RS-A tea 2020-06-30 (last day of the period)  ¥500   → h3 ¥200
//   S3 RS-A tea 2019-06-30 (the day before)           ¥400   → h1 ¥100
//   S4 RS-A tea 2020-07-01 (the day after)            ¥300   → h2 ¥50
//   S5 RS-B rice 2020-03-10 ¥800 → h4 ¥400, h5 ¥200, then the sale is REVERSED
//   h5 station job 2020-01-15 ¥150 (manual) · h6 e-commerce 2019-12-01 ¥80, then reversed · h4 station job
//   2020-05-20 ¥120 (import) · h4 farming 2020-02-01 ¥5,000 and h1 farming 2020-03-01 ¥16,000.04 (not e-commerce)
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordSale, reverseSale } from "@/lib/sales";
import { createIncomeEntry, reverseIncomeEntry } from "@/lib/income";
import { importIncome } from "@/lib/import/income";
import { updateHousehold } from "@/lib/households";
import {
  beneficiaries,
  countyIncidence,
  dashboard,
  exitsPerYear,
  householdStanding,
  incidenceTrend,
  monthlyEcommerceIncome,
  overview,
  progressContext,
  progressRows,
  salesByProduct,
  stationCounts,
  villageCoverage,
} from "@/lib/progress";
import { periodOf } from "@/lib/progress/period";
import { monthIndex } from "@/lib/progress/months";
import { LedgerInvariantError, SUMMARY_TABLES, rebuildSummaries, summaryDrift } from "@/lib/progress/summaries";
import { appendLedgerEntries } from "@/lib/income/ledger";
import { changeHouseholdStatus } from "@/lib/households";
import { expectCode, makeFixture, type Fixture } from "./fixtures";

let f: Fixture;
const h: Record<string, { id: number; code: string }> = {};
let village: Record<"C" | "E", { id: number; code: string }>;
let t2: { code: string };
let tea: { id: number }, rice: { id: number };

const P1 = periodOf(monthIndex(2019, 7), monthIndex(2020, 6)); // 2019-07-01 … 2020-06-30
const Y2020 = periodOf(monthIndex(2020, 1), monthIndex(2020, 12));
const noDrift = Object.fromEntries(SUMMARY_TABLES.map((t) => [t, 0]));

async function household(key: string, villageId: number, stationId: number | null, size: number, registeredYear: number, status: "POOR" | "EXITED" | "MONITORED", exitYear: number | null) {
  const all = key === "h1" || key === "h4";
  h[key] = await db.household.create({
    data: {
      code: `PRG-${key}`, countyId: f.county.id, villageId, stationId, headName: `进度户${key}`, size, type: "GENERAL", registeredYear, status, exitYear,
      foodClothingSecure: all, educationSecure: all, medicalSecure: all, housingSecure: all, waterSecure: all,
    },
  });
}

const sale = (stationId: number, productId: number, date: string, amountFen: number, suppliers: [string, number][], channel = "TAOBAO") =>
  recordSale(f.staff, {
    productId, stationId, channel, date, quantity: String(amountFen / 10_000), amountFen,
    suppliers: suppliers.map(([key, payoutFen]) => ({ householdId: h[key].id, payoutFen })),
  });

beforeAll(async () => {
  f = await makeFixture();
  await db.exitThreshold.createMany({ data: [{ region: "WESTERN", incidenceBelowPct: 3 }, { region: "OTHER", incidenceBelowPct: 2 }] });
  await db.povertyLine.create({ data: { year: 2020, fenPerPerson: 400_000 } });
  const t2Row = await db.township.create({ data: { code: "450225101", name: "示例乡", nameEn: "Demo Xiang", countyId: f.county.id } });
  t2 = t2Row;
  village = {
    C: await db.village.create({ data: { code: "450225101001", name: "无人口村", countyId: f.county.id, townshipId: t2Row.id, registeredPopulation: 0 } }),
    E: await db.village.create({ data: { code: "450225100005", name: "示例村005", countyId: f.county.id, townshipId: f.township.id, registeredPopulation: 50, isPoor: true } }),
  };
  await db.station.create({
    data: { code: "RS-C", name: "RS-C服务站", level: "VILLAGE", countyId: f.county.id, townshipId: f.township.id, operatorName: "示例站长", openedOn: new Date("2019-11-01"), status: "SUSPENDED", services: [] },
  });
  const A = f.villageA.id, B = f.villageB.id, sA = f.stationA.id, sB = f.stationB.id;
  await household("h1", A, sA, 4, 2014, "POOR", null);
  await household("h2", A, sA, 3, 2014, "EXITED", 2019);
  await household("h3", A, sA, 2, 2015, "MONITORED", 2020);
  await household("h7", A, sA, 3, 2021, "POOR", null);
  await household("h8", A, sB, 2, 2014, "EXITED", 2018);
  await household("h4", B, sB, 5, 2014, "POOR", null);
  await household("h5", B, sB, 1, 2016, "EXITED", 2020);
  await household("h6", village.E.id, null, 2, 2014, "POOR", null);
  tea = await db.product.create({ data: { countyId: f.county.id, code: "P-TEA", name: "红茶", nameEn: "Black tea", category: "TEA", unit: "盒", priceFen: 8800, stationId: sA } });
  rice = await db.product.create({ data: { countyId: f.county.id, code: "P-RICE", name: "紫黑糯米", category: "GRAIN", unit: "斤", priceFen: 1200, stationId: sB } });

  await sale(sA, tea.id, "2019-07-01", 100_000, [["h1", 60_000], ["h2", 30_000]]);
  await sale(sA, tea.id, "2020-06-30", 50_000, [["h3", 20_000]], "JD");
  await sale(sA, tea.id, "2019-06-30", 40_000, [["h1", 10_000]]);
  await sale(sA, tea.id, "2020-07-01", 30_000, [["h2", 5_000]]);
  const s5 = await sale(sB, rice.id, "2020-03-10", 80_000, [["h4", 40_000], ["h5", 20_000]], "DOUYIN");
  await reverseSale(f.staff, s5.sale.id, { reason: "买家退货" });
  await createIncomeEntry(f.staff, { householdId: h.h5.id, date: "2020-01-15", category: "WAGE", source: "STATION_JOB", amountFen: 15_000 });
  const wrong = await createIncomeEntry(f.staff, { householdId: h.h6.id, date: "2019-12-01", category: "OPERATING", source: "ECOMMERCE_SALE", amountFen: 8_000 });
  await reverseIncomeEntry(f.staff, wrong.id, { reason: "录错户" });
  await createIncomeEntry(f.staff, { householdId: h.h4.id, date: "2020-02-01", category: "OPERATING", source: "FARMING", amountFen: 500_000 });
  await createIncomeEntry(f.staff, { householdId: h.h1.id, date: "2020-03-01", category: "OPERATING", source: "FARMING", amountFen: 1_600_004 });
  const csv = `户编号,日期,收入来源,金额（元）\r\n${h.h4.code},2020-05-20,STATION_JOB,120.00\r\n`;
  const report = await importIncome(f.staff, new TextEncoder().encode(csv), { commit: true });
  expect(report).toMatchObject({ committed: true, toCreate: 1, errors: [] });
});

describe("summaries", () => {
  it("equal a full recompute from the ledger and the sales after entries, reversals, sales, a sale reversal and an import", async () => {
    expect(await summaryDrift(db)).toEqual(noDrift);
  });

  it("notice a wrong summary row, and a rebuild repairs it without changing any figure", async () => {
    const before = await overview(f.viewer, { from: "2019-07-01", to: "2020-06-30", year: "2020" });
    await db.$executeRaw`UPDATE "ProgressHouseholdEcom" SET "netFen"[1] = "netFen"[1] + 1 WHERE "householdId" = ${h.h1.id}`;
    await db.$executeRaw`UPDATE "ProgressSalesMonth" SET sales = sales + 1 WHERE "productId" = ${tea.id} AND month = ${monthIndex(2019, 7)}`;
    await db.$executeRaw`UPDATE "ProgressBeneficiaryCell" SET people = people + 1 WHERE month = ${monthIndex(2019, 7)} AND "prevMonth" = -1`;
    await db.$executeRaw`UPDATE "ProgressHouseholdGroup" SET people = people + 1 WHERE "villageId" = ${village.E.id}`;
    expect(await summaryDrift(db)).toMatchObject({ ProgressHouseholdEcom: 2, ProgressSalesMonth: 2, ProgressBeneficiaryCell: 2, ProgressHouseholdGroup: 2 });
    await db.$transaction((tx) => rebuildSummaries(tx));
    expect(await summaryDrift(db)).toEqual(noDrift);
    expect(await overview(f.viewer, { from: "2019-07-01", to: "2020-06-30", year: "2020" })).toEqual(before);
  });
});

describe("headline figures", () => {
  it("counts stations (2 of 3 active) and poor villages covered by an active station (A and B of A, B, E)", async () => {
    expect(await stationCounts(f.viewer)).toEqual({ total: 3, active: 2 });
    const c = await villageCoverage(f.viewer);
    expect(c).toMatchObject({ poorVillages: 3, covered: 2 });
    expect(c.percent).toBeCloseTo(66.667, 2);
  });

  it("counts beneficiaries with net e-commerce income in the period, boundary days included, reversed money out", async () => {
    // h1 600 + h2 300 (S1 on the first day) + h3 200 (S2 on the last day) + h4 120 (import; S5 reversed) + h5 150 (job)
    const r = await beneficiaries(f.viewer, P1, f.stationA.id);
    expect(r.county).toEqual({ households: 5, residents: 4 + 3 + 2 + 5 + 1, incomeFen: 137_000, averageGainFen: 27_400 });
    expect(r.station).toEqual({ households: 3, residents: 9, incomeFen: 110_000, averageGainFen: 36_667 });
    const b = await beneficiaries(f.staff, P1, f.stationB.id);
    expect(b.station).toEqual({ households: 2, residents: 6, incomeFen: 27_000, averageGainFen: 13_500 });
    // 2020: h2 50 (S4), h3 200, h4 120, h5 150; h1's money was all in 2019
    expect((await beneficiaries(f.viewer, Y2020)).county).toEqual({ households: 4, residents: 11, incomeFen: 52_000, averageGainFen: 13_000 });
    // One month, the boundary months alone, and a period without e-commerce
    expect((await beneficiaries(f.viewer, periodOf(monthIndex(2019, 6), monthIndex(2019, 6)))).county).toMatchObject({ households: 1, incomeFen: 10_000 });
    expect((await beneficiaries(f.viewer, periodOf(monthIndex(2020, 7), monthIndex(2020, 7)))).county).toMatchObject({ households: 1, incomeFen: 5_000 });
    expect((await beneficiaries(f.viewer, periodOf(monthIndex(2018, 1), monthIndex(2018, 12)))).county).toEqual({ households: 0, residents: 0, incomeFen: 0, averageGainFen: null });
  });

  it("shows household standing at the end of a year, registered households only, MONITORED apart", async () => {
    const r = await householdStanding(f.viewer, 2020, f.stationB.id);
    expect(r.county).toEqual({ poor: { households: 3, people: 11 }, exited: { households: 3, people: 6 }, monitored: { households: 1, people: 2 } });
    expect(r.station).toEqual({ poor: { households: 1, people: 5 }, exited: { households: 2, people: 3 }, monitored: { households: 0, people: 0 } });
    // End of 2019: h3 and h5 exit only in 2020; h7 registers in 2021
    expect((await householdStanding(f.viewer, 2019)).county).toEqual({ poor: { households: 5, people: 14 }, exited: { households: 2, people: 5 }, monitored: { households: 0, people: 0 } });
  });

  it("computes county incidence against the western 3% threshold", async () => {
    const r = await countyIncidence(f.viewer, 2020);
    expect(r).toMatchObject({ year: 2020, population: 2050, notExitedPeople: 11, thresholdPct: 3, exitReady: true });
    expect(r.percent).toBeCloseTo((11 / 2050) * 100, 10);
    expect((await countyIncidence(f.viewer, 2019)).notExitedPeople).toBe(14);
  });

  it("gives the incidence trend year by year, each year the same figure as countyIncidence", async () => {
    const trend = await incidenceTrend(f.viewer, 2021);
    expect(trend.map((r) => r.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021]);
    // 2014: h1 4 + h2 3 + h8 2 + h4 5 + h6 2; h3 registers in 2015, h5 in 2016; h8 exits 2018, h2 2019, h3 and h5
    // 2020; h7 (3) registers in 2021
    expect(trend.map((r) => r.notExitedPeople)).toEqual([16, 18, 19, 19, 17, 14, 11, 14]);
    for (const r of trend) {
      const c = await countyIncidence(f.viewer, r.year);
      expect(r).toEqual({ year: c.year, population: c.population, notExitedPeople: c.notExitedPeople, percent: c.percent, thresholdPct: c.thresholdPct, exitReady: c.exitReady });
    }
    expect(await incidenceTrend(f.viewer, 2010)).toEqual([]);
    const d = await dashboard(f.viewer, { from: "2019-07", to: "2020-06", year: "2018" });
    expect(d.incidenceTrend.at(-1)!.year).toBeGreaterThanOrEqual(2020); // runs on to the latest year with data
  });

  it("lists every month of the period with its e-commerce income, and the station's share", async () => {
    const rows = await monthlyEcommerceIncome(f.viewer, P1, f.stationA.id);
    expect(rows.map((r) => r.month)).toEqual(["2019-07", "2019-08", "2019-09", "2019-10", "2019-11", "2019-12", "2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06"]);
    const nonZero = rows.filter((r) => r.totalFen !== 0).map((r) => [r.month, r.saleFen, r.jobFen, r.station!.totalFen]);
    expect(nonZero).toEqual([["2019-07", 90_000, 0, 90_000], ["2020-01", 0, 15_000, 0], ["2020-05", 0, 12_000, 0], ["2020-06", 20_000, 0, 20_000]]);
    expect(rows.reduce((s, r) => s + r.totalFen, 0)).toBe(137_000);
    const b = await monthlyEcommerceIncome(f.staff, P1, f.stationB.id);
    expect(b.filter((r) => r.station!.totalFen !== 0).map((r) => [r.month, r.station!.jobFen])).toEqual([["2020-01", 15_000], ["2020-05", 12_000]]);
  });

  it("sums sales by product, the reversed sale left out", async () => {
    const rows = await salesByProduct(f.viewer, P1, f.stationA.id);
    expect(rows).toEqual([
      { product: expect.objectContaining({ code: "P-TEA" }), sales: 2, amountFen: 150_000, quantity: 15, station: { sales: 2, amountFen: 150_000, quantity: 15 } },
    ]);
    expect((await salesByProduct(f.viewer, periodOf(monthIndex(2019, 1), monthIndex(2020, 12)))).map((r) => [r.product.code, r.sales, r.amountFen])).toEqual([["P-TEA", 4, 220_000]]);
  });

  it("counts exits per year", async () => {
    expect(await exitsPerYear(f.viewer, f.stationB.id)).toEqual([
      { year: 2018, households: 1, people: 2, station: { households: 1, people: 2 } },
      { year: 2019, households: 1, people: 3, station: { households: 0, people: 0 } },
      { year: 2020, households: 2, people: 3, station: { households: 1, people: 1 } },
    ]);
  });
});

describe("drill-down", () => {
  it("county and township rows: incidence, poor and exited people, verdict, e-commerce income; no population → no incidence", async () => {
    const county = await progressRows(f.viewer, { year: "2020", level: "county" });
    expect(county.rows).toEqual([
      expect.objectContaining({ code: f.county.code, population: 2050, households: 7, people: 19, poorPeople: 11, exitedPeople: 8, exitReady: true, ecommerceIncomeFen: 52_000 }),
    ]);
    const towns = await progressRows(f.viewer, { year: "2020", level: "township" });
    expect(towns.rows.map((r) => [r.code, r.population, r.poorPeople, r.exitReady, r.ecommerceIncomeFen])).toEqual([
      [f.township.code, 2050, 11, true, 52_000],
      [t2.code, 0, 0, null, 0],
    ]);
    expect(towns.rows[0].incidencePct).toBeCloseTo((11 / 2050) * 100, 10);
    expect(towns.rows[1].incidencePct).toBeNull();
  });

  it("village rows: a village above the threshold is not exit-ready, a village without population has no verdict", async () => {
    const v = await progressRows(f.viewer, { year: "2020", level: "village", parent: f.township.code });
    expect(v.path.map((p) => p.code)).toEqual([f.county.code, f.township.code]);
    expect(v.rows.map((r) => [r.code, r.households, r.people, r.poorPeople, r.exitedPeople, r.incidencePct, r.exitReady, r.ecommerceIncomeFen])).toEqual([
      [f.villageA.code, 4, 11, 4, 7, 0.4, true, 25_000],
      [f.villageB.code, 2, 6, 5, 1, 0.5, true, 27_000],
      [village.E.code, 1, 2, 2, 0, 4, false, 0],
    ]);
    const c = await progressRows(f.viewer, { year: "2020", level: "village", parent: t2.code });
    expect(c.rows).toEqual([expect.objectContaining({ code: village.C.code, population: 0, incidencePct: null, exitReady: null })]);
  });

  it("household rows: the year's income, per-capita income and exit eligibility (strictly above the line, five guarantees)", async () => {
    const r = await progressRows(f.viewer, { year: "2020", level: "household", parent: f.villageA.code });
    expect(r.households.map((x) => [x.code, x.incomeFen, x.perCapitaFen, x.ecommerceIncomeFen, x.exitEligible])).toEqual([
      ["PRG-h1", 1_600_004, 400_001, 0, true],
      ["PRG-h2", 5_000, 1_666, 5_000, false], // 5000 / 3, floored like the household page (one rule: perCapitaFen)
      ["PRG-h3", 20_000, 10_000, 20_000, false],
      ["PRG-h8", 0, 0, 0, false],
    ]);
    expect(r.rows).toEqual([expect.objectContaining({ code: f.villageA.code, poorPeople: 4 })]);
  });

  it("an OPERATOR sees only their own station's households, and cannot drill into a village their station does not serve", async () => {
    const a = await progressRows(f.operatorA, { year: "2020", level: "household", parent: f.villageA.code });
    expect(a.households.map((x) => x.code)).toEqual(["PRG-h1", "PRG-h2", "PRG-h3"]);
    const b = await progressRows(f.operatorB, { year: "2020", level: "household", parent: f.villageA.code });
    expect(b.households.map((x) => x.code)).toEqual(["PRG-h8"]);
    await expectCode(progressRows(f.operatorA, { year: "2020", level: "household", parent: f.villageB.code }), "FORBIDDEN");
    await expectCode(progressRows(f.operatorA, { year: "2020", level: "household", parent: village.E.code }), "FORBIDDEN");
    // Area rows are aggregates every role reads
    expect((await progressRows(f.operatorA, { year: "2020", level: "village", parent: f.township.code })).rows).toHaveLength(3);
  });

  it("refuses unknown places and missing parents", async () => {
    await expectCode(progressRows(f.viewer, { year: "2020", level: "village", parent: "999" }), "NOT_FOUND");
    await expectCode(progressRows(f.viewer, { year: "2020", level: "household" }), "VALIDATION");
    await expectCode(progressRows(f.viewer, { year: "20x0", level: "county" }), "VALIDATION");
  });
});

describe("overview and access", () => {
  it("gives an OPERATOR their station's figures beside the county's, and refuses another station", async () => {
    const o = await overview(f.operatorA, { from: "2019-07-01", to: "2020-06-30", year: "2020" });
    expect(o.beneficiaries).toMatchObject({ households: 5, residents: 15 });
    expect(o.station).toMatchObject({ code: "RS-A", beneficiaries: { households: 3, residents: 9 } });
    await expectCode(overview(f.operatorA, { station: "RS-B" }), "FORBIDDEN");
    await expectCode(beneficiaries(f.operatorA, P1, f.stationB.id), "FORBIDDEN");
    await expectCode(monthlyEcommerceIncome(f.operatorB, P1, f.stationA.id), "FORBIDDEN");
    // A VIEWER reads any station's figures
    expect((await overview(f.viewer, { from: "2019-07", to: "2020-06", station: "RS-B" })).station).toMatchObject({ beneficiaries: { households: 2 } });
  });

  it("takes whole months only, in order", async () => {
    const fieldOf = (p: Promise<unknown>) => p.then(() => null, (e: { fields?: Record<string, { key: string }> }) => e.fields);
    expect(await fieldOf(overview(f.viewer, { from: "2019-07-02", to: "2020-06-30" }))).toEqual({ from: { key: "progress.validation.monthStart" } });
    expect(await fieldOf(overview(f.viewer, { from: "2019-07-01", to: "2020-06-29" }))).toEqual({ to: { key: "progress.validation.monthEnd" } });
    expect(await fieldOf(overview(f.viewer, { from: "2020-07-01", to: "2020-06-30" }))).toEqual({ to: { key: "progress.validation.order" } });
    expect(await fieldOf(overview(f.viewer, { from: "2020-02-30", to: "2020-06-30" }))).toEqual({ from: { key: "validation.date" } });
  });

  it("defaults to the 12 months up to the latest month with data, and that year", async () => {
    const ctx = await progressContext(f.viewer, {});
    expect([ctx.period.from, ctx.period.to, ctx.year]).toEqual(["2019-08-01", "2020-07-31", 2020]);
  });

  it("follows a household's size change at once (the registry trigger moves its people in the summaries)", async () => {
    const before = await dashboard(f.viewer, { from: "2019-07-01", to: "2020-06-30", year: "2020" });
    const current = await db.household.findUniqueOrThrow({ where: { id: h.h4.id } });
    await updateHousehold(f.staff, h.h4.id, { size: 6, version: current.version });
    const after = await dashboard(f.viewer, { from: "2019-07-01", to: "2020-06-30", year: "2020" });
    expect(after.beneficiaries.residents).toBe(before.beneficiaries.residents + 1);
    expect(after.households.poor.people).toBe(before.households.poor.people + 1);
    expect(after.incidence.notExitedPeople).toBe(12);
    expect(after.beneficiaries.incomeFen).toBe(before.beneficiaries.incomeFen);
    const v = await progressRows(f.viewer, { year: "2020", level: "household", parent: f.villageB.code });
    expect(v.households.find((x) => x.code === "PRG-h4")).toMatchObject({ size: 6, incomeFen: 512_000, perCapitaFen: 85_333, exitEligible: false });
    expect(await summaryDrift(db)).toEqual(noDrift);
  });
});

describe("summary upkeep on registry changes and refused writes", () => {
  it("stays equal to a recompute when a household moves village and station, exits, or is imported", async () => {
    const h1 = await db.household.findUniqueOrThrow({ where: { id: h.h1.id } });
    await updateHousehold(f.staff, h1.id, { villageId: f.villageB.id, stationId: f.stationB.id, version: h1.version });
    expect(await summaryDrift(db)).toEqual(noDrift);
    const moved = await progressRows(f.viewer, { year: "2019", level: "village", parent: f.township.code });
    // h1's 2019 e-commerce income (S1 ¥600, S3 ¥100) went with it from village A to village B
    expect(moved.rows.map((r) => [r.code, r.ecommerceIncomeFen])).toEqual([[f.villageA.code, 30_000], [f.villageB.code, 70_000], [village.E.code, 0]]);
    // h1 is exit-eligible for 2020 (¥16,000.04 over 4 people, all five guarantees)
    await changeHouseholdStatus(f.staff, h.h1.id, { toStatus: "EXITED", year: 2020, reason: "达到脱贫标准" });
    expect(await summaryDrift(db)).toEqual(noDrift);
    expect((await countyIncidence(f.viewer, 2020)).notExitedPeople).toBe(12 - 4);
    await db.household.createMany({
      data: [1, 2, 3].map((i) => ({ code: `PRG-bulk-${i}`, countyId: f.county.id, villageId: village.E.id, headName: "批量户", size: i, type: "GENERAL" as const, registeredYear: 2016 })),
    });
    expect(await summaryDrift(db)).toEqual(noDrift);
    expect((await countyIncidence(f.viewer, 2020)).notExitedPeople).toBe(8 + 6);
  });

  it("refuses a ledger write that would make a month's net e-commerce income negative", async () => {
    const before = await db.incomeEntry.count();
    // The ledger's own rule refuses a negative amount that is not a reversal (one rule for every path)…
    await expect(
      db.$transaction((tx) => appendLedgerEntries(tx, f.staff, [{ householdId: h.h6.id, date: new Date("2020-08-01T00:00:00Z"), category: "OPERATING", source: "ECOMMERCE_SALE", amountFen: -100 }])),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { amountFen: { key: "validation.positiveMoney" } } });
    // …and the summaries still refuse, as a backstop, a "reversal" that would take a month below zero.
    const [original] = await db.$transaction((tx) => appendLedgerEntries(tx, f.staff, [{ householdId: h.h6.id, date: new Date("2020-09-01T00:00:00Z"), category: "OPERATING", source: "ECOMMERCE_SALE", amountFen: 100 }]));
    await expect(
      db.$transaction((tx) => appendLedgerEntries(tx, f.staff, [{ householdId: h.h6.id, date: new Date("2020-10-01T00:00:00Z"), category: "OPERATING", source: "ECOMMERCE_SALE", amountFen: -100, reversesId: original.id }])),
    ).rejects.toBeInstanceOf(LedgerInvariantError);
    await db.$transaction((tx) => appendLedgerEntries(tx, f.staff, [{ householdId: h.h6.id, date: new Date("2020-09-01T00:00:00Z"), category: "OPERATING", source: "ECOMMERCE_SALE", amountFen: -100, reversesId: original.id }]));
    expect(await db.incomeEntry.count()).toBe(before + 2); // the original and its real reversal, nothing of the refused ones
    expect(await summaryDrift(db)).toEqual(noDrift);
  });
});
