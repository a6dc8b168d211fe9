// Relapse-prevention monitoring on the data layer: the warnings summary follows every write and equals a full
// recompute; hardships; cases with their steps, measures, elimination and closing; scope; the summary; incidence.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createHousehold, updateHousehold, changeHouseholdStatus } from "@/lib/households";
import { createIncomeEntry, reverseIncomeEntry } from "@/lib/income";
import { recordSale, reverseSale } from "@/lib/sales";
import { importIncome } from "@/lib/import/income";
import { importHouseholds } from "@/lib/import/households";
import { changeCase, getCase, listCases, listWarnings, monitoringSummary, monitoringTrend, openCase, reportHardship } from "@/lib/monitoring";
import { rebuildWarnings, warningDrift } from "@/lib/monitoring/warnings";
import { setMonitoringLine, setMonitoringThresholds } from "@/lib/settings";
import { countyToday } from "@/lib/format";
import { expectCode, makeFixture, type Fixture } from "./fixtures";

let f: Fixture;
let productId: number;
const today = countyToday();
const thisYear = Number(today.slice(0, 4));
const lastYear = thisYear - 1;
const SECURE = { foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true };
const utf8 = (text: string) => new TextEncoder().encode(text);

async function exited(code: string, stationAt: "A" | "B" = "A", size = 4) {
  const village = stationAt === "A" ? f.villageA : f.villageB;
  const station = stationAt === "A" ? f.stationA : f.stationB;
  return createHousehold(f.staff, { code, villageId: village.id, stationId: station.id, headName: "示例户主", size, type: "GENERAL", registeredYear: 2016, status: "EXITED", exitYear: 2019, ...SECURE });
}
const warningsOf = async (householdId: number, year = lastYear) =>
  (await db.monitoringWarning.findMany({ where: { householdId, year }, orderBy: { rule: "asc" } })).map((w) => w.rule);
async function expectNoDrift() {
  expect(await db.$transaction((tx) => warningDrift(tx))).toEqual({ MonitoringWarning: 0, MonitoringHouseholdYear: 0, MonitoringAreaYear: 0 });
}
const line = async (year: number) => (await db.monitoringLine.findUniqueOrThrow({ where: { year } })).fenPerPerson;

beforeAll(async () => {
  f = await makeFixture();
  productId = (await db.product.create({ data: { countyId: f.county.id, code: "TEA", name: "红茶", category: "TEA", unit: "斤", priceFen: 10_000, stationId: f.stationA.id } })).id;
});

describe("monitoring lines", () => {
  it("are seeded 2021–2026 as approximate, and an ADMIN's change is audited and recomputes that year", async () => {
    const lines = await db.monitoringLine.findMany({ orderBy: { year: "asc" } });
    expect(lines.map((l) => [l.year, l.verified])).toEqual([2021, 2022, 2023, 2024, 2025, 2026].map((y) => [y, false]));
    await expectCode(setMonitoringLine(f.staff, { year: 2021, yuan: "6000", verified: false }), "FORBIDDEN");
    await expectCode(setMonitoringLine(f.admin, { year: 2021, yuan: "abc" }), "VALIDATION");
    const h = await exited("ML-1");
    await createIncomeEntry(f.staff, { householdId: h.id, date: "2021-06-01", category: "WAGE", source: "MIGRANT_WORK", amountFen: 4 * 900_001 });
    expect(await warningsOf(h.id, 2021)).toEqual([]); // ¥9,000.01 a person: above 1.5 × ¥6,000
    await setMonitoringLine(f.admin, { year: 2021, yuan: "6000.01", verified: false, note: "测试" });
    expect(await warningsOf(h.id, 2021)).toEqual(["LOW_INCOME"]); // the band is now ¥9,000.015
    expect(await db.auditLog.count({ where: { entity: "MonitoringLine", entityId: "2021" } })).toBe(1);
    await setMonitoringLine(f.admin, { year: 2021, yuan: "6000", verified: false, note: "近似值" });
    await expectNoDrift();
  });

  it("thresholds are validated, audited, and change the verdicts", async () => {
    await expectCode(setMonitoringThresholds(f.admin, { bandPct: 50, ecomDropPct: 30, ecomSharePct: 20, noSaleDays: 90, regularMonths: 6 }), "VALIDATION");
    await expectCode(setMonitoringThresholds(f.operatorA, { bandPct: 150, ecomDropPct: 30, ecomSharePct: 20, noSaleDays: 90, regularMonths: 6 }), "FORBIDDEN");
    const h = await exited("TH-1");
    await createIncomeEntry(f.staff, { householdId: h.id, date: "2021-06-01", category: "WAGE", source: "MIGRANT_WORK", amountFen: 4 * 700_000 });
    expect(await warningsOf(h.id, 2021)).toEqual(["LOW_INCOME"]);
    await setMonitoringThresholds(f.admin, { bandPct: 110, ecomDropPct: 30, ecomSharePct: 20, noSaleDays: 90, regularMonths: 6 });
    expect(await warningsOf(h.id, 2021)).toEqual([]);
    await setMonitoringThresholds(f.admin, { bandPct: 150, ecomDropPct: 30, ecomSharePct: 20, noSaleDays: 90, regularMonths: 6 });
    expect(await db.auditLog.count({ where: { entity: "MonitoringThresholds" } })).toBe(2);
  });
});

describe("the warnings summary follows every write", () => {
  it("after entries, reversals, sales, sale reversals, imports, edits and hardships it equals a full recompute", async () => {
    const h = await exited("WS-1");
    // No income at all: below the line in every monitoring year.
    expect(await warningsOf(h.id)).toEqual(["LOW_INCOME"]);
    await expectNoDrift();

    // Two years ago: ¥44,000 for 4 people (above 1.5 × the line), ¥12,000 of it from e-commerce (sales every month,
    // a 27% share) → no warning that year.
    const twoAgo = lastYear - 1;
    await createIncomeEntry(f.staff, { householdId: h.id, date: `${twoAgo}-03-01`, category: "WAGE", source: "MIGRANT_WORK", amountFen: 3_200_000 });
    const sales = [];
    for (let m = 1; m <= 12; m++) {
      sales.push(await recordSale(f.staff, { productId, stationId: f.stationA.id, channel: "TAOBAO", date: `${twoAgo}-${String(m).padStart(2, "0")}-10`, quantity: "1", amountFen: 100_000, suppliers: [{ householdId: h.id, payoutFen: 100_000 }] }));
    }
    expect(await warningsOf(h.id, twoAgo)).toEqual([]);
    // Last year: wages ¥45,000, e-commerce only January to June (¥6,000): down by 50%, no sale after June.
    await createIncomeEntry(f.staff, { householdId: h.id, date: `${lastYear}-03-01`, category: "WAGE", source: "MIGRANT_WORK", amountFen: 4_500_000 });
    for (const m of ["01", "02", "03", "04", "05", "06"]) await recordSale(f.staff, { productId, stationId: f.stationA.id, channel: "JD", date: `${lastYear}-${m}-10`, quantity: "1", amountFen: 100_000, suppliers: [{ householdId: h.id, payoutFen: 100_000 }] });
    expect(await warningsOf(h.id)).toEqual(["ECOM_DROP", "NO_SALES"]);
    await expectNoDrift();

    // A reversed sale does not count as a sale: reverse December two years ago, the regular year stays regular.
    await reverseSale(f.staff, sales[11].sale.id, { reason: "录错" });
    expect(await warningsOf(h.id)).toEqual(["ECOM_DROP", "NO_SALES"]);
    await expectNoDrift();

    // A manual entry and its reversal.
    const big = await createIncomeEntry(f.staff, { householdId: h.id, date: `${lastYear}-05-01`, category: "OPERATING", source: "STATION_JOB", amountFen: 5_000_000 });
    expect(await warningsOf(h.id)).toEqual(["NO_SALES"]); // e-commerce now up year on year
    await reverseIncomeEntry(f.staff, big.id, { reason: "重复录入" });
    expect(await warningsOf(h.id)).toEqual(["ECOM_DROP", "NO_SALES"]);
    await expectNoDrift();

    // An income import.
    const csv = `Household code,Date,Source,Amount (yuan),Reference\nWS-1,${lastYear}-06-01,Migrant work,100,MON-REF-1\n`;
    expect(await importIncome(f.staff, utf8(csv), { commit: true })).toMatchObject({ committed: true });
    await expectNoDrift();

    // A household import registers exited households: each gets its warnings at once.
    const rows = [
      "户编号,户主姓名,村,服务站编号,家庭人口,贫困户属性,致贫原因,识别年度,状态,脱贫年度,不愁吃、不愁穿,义务教育有保障,基本医疗有保障,住房安全有保障,饮水安全有保障",
      "WS-IMP1,示例户主,450225100001,RS-A,3,一般贫困户,,2016,已脱贫,2019,是,是,是,是,是",
    ].join("\r\n");
    const report = await importHouseholds(f.staff, utf8(rows), { commit: true });
    expect(report).toMatchObject({ committed: true, toCreate: 1 });
    const imported = await db.household.findUniqueOrThrow({ where: { code: "WS-IMP1" } });
    expect(await warningsOf(imported.id)).toEqual(["LOW_INCOME"]);
    await expectNoDrift();

    // A size change: ¥45,000 + ¥6,000 + ¥100 for 4 people is ¥12,775 a person (clear); for 8 people ¥6,387.50 (below the line).
    await updateHousehold(f.staff, h.id, { size: 8, version: (await db.household.findUniqueOrThrow({ where: { id: h.id } })).version });
    expect(await warningsOf(h.id)).toEqual(["LOW_INCOME", "ECOM_DROP", "NO_SALES"]); // rules in their order
    const figures = (await db.monitoringWarning.findUniqueOrThrow({ where: { householdId_year_rule: { householdId: h.id, year: lastYear, rule: "LOW_INCOME" } } })).figures;
    expect(figures).toMatchObject({ incomeFen: 5_110_000, size: 8, perCapitaFen: 638_750, level: "BELOW_LINE", lineFen: await line(lastYear) });
    await expectNoDrift();

    // A hardship report, and a guarantee lost (current year).
    await reportHardship(f.operatorA, h.id, { type: "ILLNESS", date: `${lastYear}-08-01`, amountFen: "5000000", note: "住院" });
    expect(await warningsOf(h.id)).toContain("HARDSHIP");
    await updateHousehold(f.staff, h.id, { housingSecure: false, version: (await db.household.findUniqueOrThrow({ where: { id: h.id } })).version });
    expect(await warningsOf(h.id, thisYear)).toContain("GUARANTEE_LOST");
    await expectNoDrift();

    // rebuildWarnings (bulk loaders) gives the same table.
    const before = await db.monitoringWarning.count();
    await db.$transaction((tx) => rebuildWarnings(tx), { timeout: 60_000 });
    expect(await db.monitoringWarning.count()).toBe(before);
    await expectNoDrift();
  });

  it("a household still POOR is not monitored; an exit starts monitoring", async () => {
    await db.povertyLine.upsert({ where: { year: 2020 }, create: { year: 2020, fenPerPerson: 400_000 }, update: {} });
    const h = await createHousehold(f.staff, { code: "POOR-1", villageId: f.villageA.id, stationId: f.stationA.id, headName: "示例户主", size: 2, type: "GENERAL", registeredYear: 2016, ...SECURE });
    expect(await db.monitoringWarning.count({ where: { householdId: h.id } })).toBe(0);
    await createIncomeEntry(f.staff, { householdId: h.id, date: "2020-06-01", category: "WAGE", source: "MIGRANT_WORK", amountFen: 2 * 500_000 });
    await changeHouseholdStatus(f.staff, h.id, { toStatus: "EXITED", year: 2020, reason: "达标" });
    expect(await warningsOf(h.id, 2021)).toEqual(["LOW_INCOME"]);
    await expectNoDrift();
  });
});

describe("the per-area summary under concurrent writers", () => {
  // On PostgreSQL (npm run test:pg) these writes really overlap: households of one village and station, each write
  // recounting the same area row. On PGlite they serialise, and the test checks the counts only.
  it("counts every household of one village exactly when their entries are written at once", async () => {
    const households = await Promise.all(Array.from({ length: 8 }, (_, i) => exited(`RACE-${i}`)));
    const lowBefore = (await listWarnings(f.staff, { year: thisYear, rule: "LOW_INCOME" })).totals?.households ?? 0;
    // Half of them get an income far above the line this year, the other half a little: all at the same moment.
    await Promise.all(households.map((h, i) =>
      createIncomeEntry(f.staff, { householdId: h.id, date: today, category: "WAGE", source: "MIGRANT_WORK", amountFen: i % 2 === 0 ? 50_000_000 : 1_000 })));
    await expectNoDrift();
    const county = await listWarnings(f.staff, { year: thisYear });
    const counted = await db.monitoringWarning.findMany({ where: { year: thisYear }, distinct: ["householdId"], select: { householdId: true } });
    expect(county.totals?.households).toBe(counted.length);
    expect((await listWarnings(f.staff, { year: thisYear, rule: "LOW_INCOME" })).totals?.households).toBe(lowBefore - 4);
  });
});

describe("hardship reports", () => {
  it("are validated field by field, audited, and an operator reports only for their station", async () => {
    const h = await exited("HS-1", "B");
    await expectCode(reportHardship(f.operatorA, h.id, { type: "ILLNESS", date: "2024-01-01" }), "FORBIDDEN");
    await expectCode(reportHardship(f.viewer, h.id, { type: "ILLNESS", date: "2024-01-01" }), "FORBIDDEN");
    await expect(reportHardship(f.operatorB, h.id, { type: "FLOOD", date: "2999-01-01", amountFen: "-1" })).rejects.toMatchObject({
      code: "VALIDATION", fields: { type: expect.anything(), date: { key: "validation.futureDate" }, amountFen: expect.anything() },
    });
    const r = await reportHardship(f.operatorB, h.id, { type: "DISASTER", date: "2024-07-01" });
    expect(r).toMatchObject({ type: "DISASTER", date: "2024-07-01", amountFen: null });
    expect(await db.auditLog.count({ where: { entity: "Hardship", entityId: String(r.id) } })).toBe(1);
  });
});

describe("monitoring-only households", () => {
  it("never count in poverty incidence or the standing groups, but are monitored", async () => {
    const before = await db.progressHouseholdGroup.aggregate({ _sum: { people: true, households: true } });
    const h = await createHousehold(f.operatorA, { code: "MON-1", kind: "MONITORING", villageId: f.villageA.id, headName: "示例户主", size: 5, type: "GENERAL", registeredYear: 2022, ...SECURE });
    expect(h).toMatchObject({ status: "MONITORED", exitYear: null });
    const after = await db.progressHouseholdGroup.aggregate({ _sum: { people: true, households: true } });
    expect(after).toEqual(before);
    expect(await warningsOf(h.id, 2022)).toEqual(["LOW_INCOME"]);
    expect(await warningsOf(h.id, 2021)).toEqual([]);
    await expectCode(changeHouseholdStatus(f.staff, h.id, { toStatus: "EXITED", reason: "x" }), "VALIDATION");
    await expect(createHousehold(f.staff, { code: "MON-2", kind: "MONITORING", status: "POOR", villageId: f.villageA.id, headName: "x", size: 1, type: "GENERAL", registeredYear: 2022 })).rejects.toMatchObject({ fields: { status: expect.anything() } });
  });
});

describe("cases", () => {
  let hid: number;
  let caseId: number;
  const step = (viewer: Fixture["staff"], phase: string, stepKind: string, date: string) => changeCase(viewer, caseId, { action: "step", phase, step: stepKind, date, actor: "村两委" });

  it("opens from a warning (once at a time), validated and scoped", async () => {
    const h = await exited("CASE-1");
    hid = h.id;
    await createIncomeEntry(f.staff, { householdId: h.id, date: `${lastYear}-04-01`, category: "WAGE", source: "MIGRANT_WORK", amountFen: 1_000_000 });
    const input = { householdId: h.id, type: "UNSTABLE_EXITED", riskTypes: ["INCOME_DROP", "ECOMMERCE_LOSS"], openedOn: `${thisYear}-01-05`, warningRule: "LOW_INCOME", warningYear: lastYear };
    await expectCode(openCase(f.viewer, input), "FORBIDDEN");
    await expectCode(openCase(f.operatorB, input), "FORBIDDEN");
    await expect(openCase(f.staff, { ...input, riskTypes: ["ILLNESS", "DISABILITY", "SCHOOLING", "DISASTER", "ACCIDENT", "OTHER"] })).rejects.toMatchObject({ code: "VALIDATION", fields: { riskTypes: expect.anything() } });
    await expect(openCase(f.staff, { ...input, warningRule: "HARDSHIP" })).rejects.toMatchObject({ code: "VALIDATION", fields: { warningRule: { key: "monitoring.errors.noSuchWarning" } } });
    const c = await openCase(f.operatorA, input);
    caseId = c.id;
    expect(c).toMatchObject({ status: "IDENTIFYING", openingIncomeFen: 1_000_000, openingSize: 4, warningRule: "LOW_INCOME" });
    await expectCode(openCase(f.staff, { ...input, warningRule: undefined, warningYear: undefined }), "CONFLICT");
    expect(await db.auditLog.count({ where: { entity: "MonitoringCase", entityId: String(c.id) } })).toBe(1);
  });

  it("goes through the identification steps in order; the county step is the center's", async () => {
    await expect(step(f.operatorA, "IDENTIFICATION", "PUBLIC_NOTICE", `${thisYear}-01-06`)).rejects.toMatchObject({ fields: { step: { key: "monitoring.errors.stepOrder" } } });
    await expect(step(f.operatorA, "IDENTIFICATION", "HOME_VISIT", `${thisYear}-01-01`)).rejects.toMatchObject({ fields: { date: expect.anything() } });
    await step(f.operatorA, "IDENTIFICATION", "HOME_VISIT", `${thisYear}-01-06`);
    await expect(step(f.operatorA, "IDENTIFICATION", "VILLAGE_REVIEW", `${thisYear}-01-05`)).rejects.toMatchObject({ fields: { date: { key: "monitoring.errors.beforePrevious" } } });
    await step(f.operatorA, "IDENTIFICATION", "VILLAGE_REVIEW", `${thisYear}-01-10`);
    await step(f.operatorA, "IDENTIFICATION", "PUBLIC_NOTICE", `${thisYear}-01-11`);
    await step(f.operatorA, "IDENTIFICATION", "TOWNSHIP_REVIEW", `${thisYear}-01-20`);
    await expectCode(step(f.operatorA, "IDENTIFICATION", "COUNTY_APPROVAL", `${thisYear}-01-25`), "FORBIDDEN");
    await expectCode(step(f.operatorB, "IDENTIFICATION", "COUNTY_APPROVAL", `${thisYear}-01-25`), "FORBIDDEN");
    const c = await step(f.staff, "IDENTIFICATION", "COUNTY_APPROVAL", `${thisYear}-01-25`);
    expect(c).toMatchObject({ status: "MONITORED", identifiedOn: `${thisYear}-01-25` });
    expect(c.steps).toHaveLength(5);
  });

  it("records measures; an e-commerce measure names a station the operator may act for", async () => {
    await expect(changeCase(f.operatorA, caseId, { action: "measure", kind: "ECOMMERCE", date: `${thisYear}-02-01`, actor: "站长" })).rejects.toMatchObject({ fields: { stationId: { key: "monitoring.errors.stationRequired" } } });
    await expectCode(changeCase(f.operatorA, caseId, { action: "measure", kind: "ECOMMERCE", date: `${thisYear}-02-01`, stationId: f.stationB.id, actor: "站长" }), "FORBIDDEN");
    const c = await changeCase(f.operatorA, caseId, { action: "measure", kind: "ECOMMERCE", date: `${thisYear}-02-01`, stationId: f.stationA.id, actor: "站长" });
    expect(c.measures).toEqual([expect.objectContaining({ kind: "ECOMMERCE", station: expect.objectContaining({ code: "RS-A" }) })]);
  });

  it("refuses elimination while income is not above the line or a guarantee is missing, with field-level reasons", async () => {
    const lineFen = await line(thisYear);
    // The last 12 months hold nothing yet for this household's window… exactly on the line for its 4 people:
    const gap = 4 * lineFen - (await getCase(f.staff, caseId)).current.incomeFen;
    await createIncomeEntry(f.staff, { householdId: hid, date: today, category: "WAGE", source: "MIGRANT_WORK", amountFen: gap });
    expect((await getCase(f.staff, caseId)).current).toMatchObject({ incomeFen: 4 * lineFen, eliminationRefusals: ["income"] });
    await expect(step(f.operatorA, "ELIMINATION", "HOME_VISIT", today)).rejects.toMatchObject({ code: "VALIDATION", fields: { income: { key: "monitoring.errors.incomeNotAbove" } } });
    await createIncomeEntry(f.staff, { householdId: hid, date: today, category: "OPERATING", source: "ECOMMERCE_SALE", amountFen: 1 });
    await updateHousehold(f.staff, hid, { waterSecure: false, version: (await db.household.findUniqueOrThrow({ where: { id: hid } })).version });
    await expect(step(f.operatorA, "ELIMINATION", "HOME_VISIT", today)).rejects.toMatchObject({ fields: { guarantees: { key: "monitoring.errors.guaranteesMissing" } } });
    expect((await db.monitoringCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("MONITORED");
    await updateHousehold(f.staff, hid, { waterSecure: true, version: (await db.household.findUniqueOrThrow({ where: { id: hid } })).version });
  });

  it("eliminates the risk through the same steps, the county step by ADMIN/STAFF; the summary counts it", async () => {
    const before = await monitoringSummary(f.viewer, { year: thisYear });
    for (const s of ["HOME_VISIT", "VILLAGE_REVIEW", "PUBLIC_NOTICE", "TOWNSHIP_REVIEW"]) await step(f.operatorA, "ELIMINATION", s, today);
    await expectCode(step(f.operatorA, "ELIMINATION", "COUNTY_APPROVAL", today), "FORBIDDEN");
    const c = await step(f.staff, "ELIMINATION", "COUNTY_APPROVAL", today);
    expect(c).toMatchObject({ status: "ELIMINATED", eliminatedOn: today, eliminationIncomeFen: 4 * (await line(thisYear)) + 1 });
    const after = await monitoringSummary(f.viewer, { year: thisYear });
    expect(after.eliminated).toBe(before.eliminated + 1);
    expect(after.stillAtRisk.households).toBe(before.stillAtRisk.households - 1);
    expect(after.ecommerce.withEcommerce).toBeGreaterThanOrEqual(1);
    await expect(changeCase(f.staff, caseId, { action: "measure", kind: "MEDICAL", date: today, actor: "x" })).rejects.toMatchObject({ fields: { kind: { key: "monitoring.errors.caseNotOpen" } } });
    expect(await db.auditLog.count({ where: { entity: "MonitoringCase", entityId: String(caseId) } })).toBe(1 + 5 + 1 + 5);
    await expectNoDrift(); // the per-area summary followed the case's opening and elimination
  });

  it("a wrong case is closed with a reason by the center, never deleted", async () => {
    const h = await exited("CASE-2", "B");
    const c = await openCase(f.operatorB, { householdId: h.id, type: "SUDDEN_HARDSHIP", riskTypes: ["ACCIDENT"], openedOn: today });
    await expectCode(changeCase(f.operatorB, c.id, { action: "close", date: today, reason: "误报" }), "FORBIDDEN");
    await expect(changeCase(f.staff, c.id, { action: "close", date: today, reason: " " })).rejects.toMatchObject({ fields: { reason: expect.anything() } });
    const closed = await changeCase(f.staff, c.id, { action: "close", date: today, reason: "误报：户主已就业" });
    expect(closed).toMatchObject({ status: "CLOSED", closedReason: "误报：户主已就业" });
    expect(await db.monitoringCase.count({ where: { id: c.id } })).toBe(1);
    await expectNoDrift(); // and its closing
  });
});

describe("scope and the warning list", () => {
  it("an operator reads only their station's warnings and cases; another station's filter or case is refused", async () => {
    const hB = await exited("SC-B", "B");
    const mine = await listWarnings(f.operatorA, { year: lastYear, level: "household" });
    expect(mine.households.length).toBeGreaterThan(0);
    expect(mine.households.every((h) => h.station?.code === "RS-A")).toBe(true);
    await expectCode(listWarnings(f.operatorA, { year: lastYear, station: "RS-B" }), "FORBIDDEN");
    await expectCode(monitoringSummary(f.operatorA, { station: "RS-B" }), "FORBIDDEN");
    const all = await listWarnings(f.staff, { year: lastYear, level: "household" });
    expect(all.households.some((h) => h.id === hB.id)).toBe(true);
    const cases = await listCases(f.operatorB);
    expect(cases.items.every((c) => c.household.station?.code === "RS-B")).toBe(true);
    const caseA = (await listCases(f.staff, { station: "RS-A" })).items[0];
    await expectCode(getCase(f.operatorB, caseA.id), "FORBIDDEN");
    expect((await getCase(f.viewer, caseA.id)).id).toBe(caseA.id);
  });

  it("groups warnings per township, village and station, with the households without a case", async () => {
    const county = await listWarnings(f.viewer, { year: lastYear });
    expect(county.rows).toEqual([expect.objectContaining({ code: f.township.code, households: county.totals!.households })]);
    const town = await listWarnings(f.viewer, { year: lastYear, level: "township", parent: f.township.code });
    expect(town.rows.map((r) => r.code).sort()).toEqual([f.villageA.code, f.villageB.code]);
    expect(town.rows.reduce((s, r) => s + r.households, 0)).toBe(county.totals!.households);
    const village = await listWarnings(f.viewer, { year: lastYear, level: "village", parent: f.villageA.code, rule: "LOW_INCOME" });
    expect(village.households.every((h) => h.village.code === f.villageA.code && h.warnings.some((w) => w.rule === "LOW_INCOME"))).toBe(true);
    const stations = await listWarnings(f.viewer, { year: lastYear, level: "station" });
    expect(stations.rows.map((r) => r.code).sort()).toEqual(["RS-A", "RS-B"]);
    const summary = await monitoringSummary(f.viewer, { year: lastYear });
    expect(summary.warnedHouseholds).toBe(county.totals!.households);
    expect(summary.warningsWithoutCase).toBe(county.totals!.withoutCase);
    await expectCode(listWarnings(f.viewer, { level: "township" }), "VALIDATION");
  });

  it("drills the consolidation figures down to a township and a village, and the trend repeats each year's figures", async () => {
    const county = await monitoringSummary(f.viewer, { year: thisYear });
    const town = await monitoringSummary(f.viewer, { year: thisYear, area: f.township.code });
    expect(town.area).toMatchObject({ level: "township", code: f.township.code });
    // The fixture's one township holds every household: the same figures.
    expect({ ...town, area: null }).toEqual({ ...county, area: null });
    const [a, b] = await Promise.all([f.villageA, f.villageB].map((v) => monitoringSummary(f.viewer, { year: thisYear, area: v.code })));
    expect(a.area).toMatchObject({ level: "village", code: f.villageA.code });
    for (const k of ["newlyIdentified", "eliminated", "warnedHouseholds", "warningsWithoutCase"] as const) expect(a[k] + b[k], k).toBe(county[k]);
    expect(a.monitored.households + b.monitored.households).toBe(county.monitored.households);
    // By hand: the cases covering this year, per village, straight from the table.
    const covering = await db.monitoringCase.findMany({ where: { status: { not: "CLOSED" } }, include: { household: { select: { villageId: true } } } });
    const inYear = covering.filter((c) => c.openedOn.getUTCFullYear() <= thisYear && (c.eliminatedOn === null || c.eliminatedOn.getUTCFullYear() >= thisYear));
    expect(a.monitored.households).toBe(new Set(inYear.filter((c) => c.household.villageId === f.villageA.id).map((c) => c.householdId)).size);
    expect(a.monitored.households).toBeGreaterThan(0);
    // The area rows carry the same monitored counts.
    const rows = await listWarnings(f.viewer, { year: thisYear, level: "township", parent: f.township.code });
    expect(rows.rows.find((r) => r.code === f.villageA.code)?.monitored ?? 0).toBe(a.monitored.households);
    expect(rows.totals?.monitored ?? 0).toBe(county.monitored.households);
    await expectCode(monitoringSummary(f.viewer, { area: "999999999999" }), "NOT_FOUND");
    const trend = await monitoringTrend(f.viewer, { area: f.villageA.code });
    expect(trend.find((r) => r.year === thisYear)).toEqual({
      year: thisYear, monitored: a.monitored.households, newlyIdentified: a.newlyIdentified, eliminated: a.eliminated,
      stillAtRisk: a.stillAtRisk.households, warned: a.warnedHouseholds, withoutCase: a.warningsWithoutCase,
    });
    await expectCode(monitoringTrend(f.operatorA, { station: "RS-B" }), "FORBIDDEN");
  });
});
