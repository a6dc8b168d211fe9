import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { assessHousehold, createHousehold, householdYears, type HouseholdDetail } from "@/lib/households";
import { createIncomeEntry, getIncomeEntry, incomeRowBatches, listHouseholdIncome, listIncomeEntries, reverseIncomeEntry } from "@/lib/income";
import { appendLedgerEntries } from "@/lib/income/ledger";
import { yuanToFen } from "@/lib/validation/money";
import { countyToday } from "@/lib/format";
import { expectCode, makeFixture, type Fixture } from "./fixtures";

let f: Fixture;
let a: HouseholdDetail; // station A, registered 2018, 2 people
let b: HouseholdDetail; // station B

const entry = (householdId: number, over: Record<string, unknown> = {}) => ({
  householdId, date: "2020-03-15", category: "WAGE", source: "MIGRANT_WORK", amountFen: 100_00, ...over,
});

async function fieldKeys(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e as { code: string; fields?: Record<string, { key: string }> });
  expect(error?.code).toBe("VALIDATION");
  return Object.fromEntries(Object.entries(error!.fields ?? {}).map(([k, m]) => [k, m.key]));
}

function shanghaiTomorrow() {
  return countyToday(new Date(Date.now() + 24 * 3600 * 1000));
}

beforeAll(async () => {
  f = await makeFixture();
  await db.povertyLine.createMany({ data: [{ year: 2019, fenPerPerson: 374_700 }, { year: 2020, fenPerPerson: 400_000 }] });
  const base = { villageId: f.villageA.id, stationId: f.stationA.id, headName: "示例", size: 2, type: "GENERAL", registeredYear: 2018,
    foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true };
  a = await createHousehold(f.staff, { ...base, code: "INC-A" });
  b = await createHousehold(f.staff, { ...base, code: "INC-B", villageId: f.villageB.id, stationId: f.stationB.id });
});

describe("recording income", () => {
  it("records an entry in fen from yuan with two decimals, and audits it", async () => {
    const e = await createIncomeEntry(f.operatorA, entry(a.id, { amountFen: undefined, amount: "1,234.56", note: "<b>工资</b>" }));
    expect(e).toMatchObject({ amountFen: 123_456, date: "2020-03-15", note: "<b>工资</b>", householdCode: "INC-A", recordedBy: "示例OPERATOR" });
    const row = await db.incomeEntry.findUniqueOrThrow({ where: { id: e.id } });
    expect(row).toMatchObject({ stationId: f.stationA.id, countyId: f.county.id, recordedById: f.operatorA.id });
    expect(await db.auditLog.count({ where: { entity: "IncomeEntry", entityId: String(e.id), action: "create" } })).toBe(1);
  });

  it.each([
    ["a zero amount", { amountFen: 0 }, { amountFen: "validation.positiveMoney" }],
    ["a negative amount", { amountFen: -500 }, { amountFen: "validation.positiveMoney" }],
    ["a negative yuan amount", { amountFen: undefined, amount: "-5" }, { amount: "validation.positiveMoney" }],
    ["an amount over the cap", { amountFen: 100_000_001 }, { amountFen: "validation.moneyTooLarge" }],
    ["a fractional fen", { amountFen: 10.5 }, { amountFen: "validation.wholeFen" }],
    ["three decimals in yuan", { amountFen: undefined, amount: "1.234" }, { amount: "validation.yuanFormat" }],
    ["text in the amount", { amountFen: undefined, amount: "一百" }, { amount: "validation.yuanFormat" }],
    ["no amount at all", { amountFen: undefined }, { amount: "validation.required" }],
    ["a date in the future (county time)", { date: shanghaiTomorrow() }, { date: "validation.futureDate" }],
    ["an impossible date", { date: "2020-02-30" }, { date: "validation.date" }],
    ["an unknown category", { category: "GIFT" }, { category: "validation.choice" }],
    ["an over-long note", { note: "字".repeat(501) }, { note: "validation.tooLong" }],
  ])("refuses %s with a field error and writes nothing", async (_label, over, expected) => {
    const before = await db.incomeEntry.count();
    expect(await fieldKeys(createIncomeEntry(f.staff, entry(a.id, over)))).toMatchObject(expected);
    expect(await db.incomeEntry.count()).toBe(before);
  });

  it("accepts exactly the cap and today's date", async () => {
    const e = await createIncomeEntry(f.staff, entry(b.id, { amountFen: 100_000_000, date: countyToday() }));
    expect(e.amountFen).toBe(100_000_000);
    await reverseIncomeEntry(f.staff, e.id, { reason: "测试上限" });
  });

  it("refuses a date before the household's registration year, accepts 1 January of it", async () => {
    expect(await fieldKeys(createIncomeEntry(f.staff, entry(a.id, { date: "2017-12-31" })))).toEqual({ date: "income.validation.beforeRegistered" });
    const e = await createIncomeEntry(f.staff, entry(a.id, { date: "2018-01-01", amountFen: 1 }));
    expect(e.date).toBe("2018-01-01");
  });

  it("refuses an unknown household as a field error", async () => {
    expect(await fieldKeys(createIncomeEntry(f.staff, entry(999_999)))).toEqual({ householdId: "income.validation.unknownHousehold" });
  });

  it("refuses an operator writing or reading another station's household", async () => {
    const before = await db.incomeEntry.count();
    await expectCode(createIncomeEntry(f.operatorA, entry(b.id)), "FORBIDDEN");
    await expectCode(listHouseholdIncome(f.operatorA, b.id), "FORBIDDEN");
    await expectCode(createIncomeEntry(f.viewer, entry(a.id)), "FORBIDDEN");
    expect(await db.incomeEntry.count()).toBe(before);
    const other = await createIncomeEntry(f.operatorB, entry(b.id, { amountFen: 777 }));
    await expectCode(reverseIncomeEntry(f.operatorA, other.id, { reason: "猜 ID" }), "FORBIDDEN");
    await expectCode(getIncomeEntry(f.operatorA, other.id), "FORBIDDEN");
    const list = await listIncomeEntries(f.operatorA, { pageSize: 200 });
    expect(list.rows.every((r) => r.householdId === a.id)).toBe(true);
    // Filtering for the other household is not a way around the scope either.
    expect((await listIncomeEntries(f.operatorA, { householdId: b.id })).total).toBe(0);
    expect(await db.incomeEntry.findUnique({ where: { id: other.id }, include: { reversedBy: true } })).toMatchObject({ reversedBy: null });
  });
});

describe("years and totals", () => {
  it("puts entries of 31 December and 1 January in their own years", async () => {
    const h = await createHousehold(f.staff, { code: "INC-YEAR", villageId: f.villageA.id, stationId: f.stationA.id, headName: "跨年", size: 1, type: "GENERAL", registeredYear: 2018 });
    await createIncomeEntry(f.staff, entry(h.id, { date: "2019-12-31", amountFen: 31_12 }));
    await createIncomeEntry(f.staff, entry(h.id, { date: "2020-01-01", amountFen: 1_01 }));
    expect((await assessHousehold(f.staff, h.id, { year: 2019 })).incomeFen).toBe(31_12);
    expect((await assessHousehold(f.staff, h.id, { year: 2020 })).incomeFen).toBe(1_01);
    const years = await householdYears(f.staff, h.id);
    expect(years.filter((y) => y.incomeFen !== 0).map((y) => [y.year, y.incomeFen])).toEqual([[2020, 1_01], [2019, 31_12]]);
    expect((await listIncomeEntries(f.staff, { householdId: h.id, from: "2020-01-01", to: "2020-12-31" })).sumFen).toBe(1_01);
    expect((await listIncomeEntries(f.staff, { householdId: h.id, from: "2019-01-01", to: "2019-12-31" })).sumFen).toBe(31_12);
  });
});

describe("reversals", () => {
  it("cancels its entry in every total, keeps its date, links both and needs a reason", async () => {
    const h = await createHousehold(f.staff, { code: "INC-REV", villageId: f.villageA.id, stationId: f.stationA.id, headName: "冲正", size: 2, type: "GENERAL", registeredYear: 2018,
      foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true });
    await createIncomeEntry(f.staff, entry(h.id, { date: "2020-05-01", amountFen: 500_000 }));
    const wrong = await createIncomeEntry(f.operatorA, entry(h.id, { date: "2020-06-01", amountFen: 400_000 }));
    expect((await assessHousehold(f.staff, h.id, { year: 2020 })).eligible).toBe(true);

    expect(await fieldKeys(reverseIncomeEntry(f.operatorA, wrong.id, { reason: "  " }))).toEqual({ reason: "validation.required" });
    const reversal = await reverseIncomeEntry(f.operatorA, wrong.id, { reason: "录入错误，金额多打一个零" });
    expect(reversal).toMatchObject({ amountFen: -400_000, date: "2020-06-01", reversesId: wrong.id, reversalReason: "录入错误，金额多打一个零", category: "WAGE", source: "MIGRANT_WORK" });
    expect((await getIncomeEntry(f.staff, wrong.id)).reversedById).toBe(reversal.id);

    const assessment = await assessHousehold(f.staff, h.id, { year: 2020 });
    expect(assessment).toMatchObject({ incomeFen: 500_000, eligible: false });
    expect((await householdYears(f.staff, h.id)).find((y) => y.year === 2020)?.incomeFen).toBe(500_000);
    const ledger = await listHouseholdIncome(f.staff, h.id, { from: "2020-06-01", to: "2020-06-30" });
    expect(ledger).toMatchObject({ total: 2, sumFen: 0 });
    expect(await db.auditLog.count({ where: { entity: "IncomeEntry", entityId: String(wrong.id), action: "reverse" } })).toBe(1);
  });

  it("cannot be reversed itself, nor the entry twice", async () => {
    const e = await createIncomeEntry(f.staff, entry(a.id, { amountFen: 999 }));
    const r = await reverseIncomeEntry(f.staff, e.id, { reason: "重复录入" });
    await expect(reverseIncomeEntry(f.staff, r.id, { reason: "再冲" })).rejects.toMatchObject({ code: "CONFLICT", msg: { key: "errors.reversalOfReversal" } });
    await expect(reverseIncomeEntry(f.staff, e.id, { reason: "再冲" })).rejects.toMatchObject({ code: "CONFLICT", msg: { key: "errors.alreadyReversed" } });
    expect(await db.incomeEntry.count({ where: { OR: [{ reversesId: e.id }, { reversesId: r.id }] } })).toBe(1);
    await expectCode(reverseIncomeEntry(f.staff, 987_654, { reason: "x" }), "NOT_FOUND");
  });

  it("lets only one of two simultaneous reversals through", async () => {
    const e = await createIncomeEntry(f.staff, entry(a.id, { amountFen: 4242 }));
    const results = await Promise.allSettled([reverseIncomeEntry(f.staff, e.id, { reason: "一" }), reverseIncomeEntry(f.admin, e.id, { reason: "二" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await db.incomeEntry.count({ where: { reversesId: e.id } })).toBe(1);
  });

  it("refuses to reverse a sale payout by hand: the sale is reversed instead", async () => {
    const product = await db.product.create({ data: { countyId: f.county.id, code: "P-T", name: "香菇", category: "MUSHROOM", unit: "kg", priceFen: 5000 } });
    const sale = await db.sale.create({ data: { countyId: f.county.id, productId: product.id, stationId: f.stationA.id, channel: "TAOBAO", date: new Date("2020-04-01"), quantity: 1, amountFen: 5000 } });
    const [payout] = await db.$transaction((tx) => appendLedgerEntries(tx, "system", [{ householdId: a.id, date: new Date("2020-04-01"), category: "OPERATING", source: "ECOMMERCE_SALE", amountFen: 3000, saleId: sale.id }]));
    await expect(reverseIncomeEntry(f.staff, payout.id, { reason: "x" })).rejects.toMatchObject({ code: "CONFLICT", msg: { key: "income.errors.saleLinked" } });
  });

  it("offers no way to edit or delete an entry", async () => {
    const income = await import("@/lib/income");
    expect(Object.keys(income).filter((k) => /update|edit|delete|remove/i.test(k))).toEqual([]);
  });
});

describe("the ledger streamed for an export", () => {
  it("yields every matching row once, newest first (ties on a date by id), batch by batch, within the viewer's scope", async () => {
    for (const [date, amountFen] of [["2019-05-01", 101], ["2019-05-01", 102], ["2019-05-01", 103], ["2019-04-01", 104], ["2019-06-01", 105]] as const) {
      await createIncomeEntry(f.staff, entry(a.id, { date, amountFen, note: "批量导出" }));
    }
    const list = await listIncomeEntries(f.staff, { householdId: a.id, pageSize: 200 });
    const seen: number[][] = [];
    for await (const batch of await incomeRowBatches(f.staff, { householdId: a.id }, 2)) seen.push(batch.map((e) => e.id));
    expect(seen.every((b) => b.length <= 2)).toBe(true);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.flat()).toEqual(list.rows.map((e) => e.id)); // the same rows in the list's order, none twice
    // An OPERATOR streams only their own station's households; another station's filter is refused before any row.
    const mine: number[] = [];
    for await (const batch of await incomeRowBatches(f.operatorA, {}, 3)) mine.push(...batch.map((e) => e.householdId));
    const stations = await db.household.findMany({ where: { id: { in: [...new Set(mine)] } }, select: { stationId: true } });
    expect(mine).toContain(a.id);
    expect(stations.every((h) => h.stationId === f.stationA.id)).toBe(true);
    expect(mine.length).toBe((await listIncomeEntries(f.operatorA, { pageSize: 200 })).total);
    await expectCode(incomeRowBatches(f.operatorA, { stationId: f.stationB.id }), "FORBIDDEN");
    await expectCode(incomeRowBatches(f.viewer, {}), "FORBIDDEN");
  });
});

describe("yuan parsing", () => {
  // Text that is not an amount comes back unchanged (the schema then reports it on the field); blank is "not given".
  it.each([["12", 1200], ["12.5", 1250], ["0.01", 1], ["¥1,000.00", 100_000], [" 3.10 ", 310], ["-12.5", -1250], ["1.001", "1.001"], ["1e3", "1e3"], ["", undefined]])("%s → %s", (input, fen) => {
    expect(yuanToFen(input)).toBe(fen);
  });
});

describe("the ledger as it opens: count and total from the summary", () => {
  // What the page shows without a filter must be exactly what the ledger holds: the county for staff, the station's
  // households for an operator, after entries and a reversal (a reversal is a row of its own and nets to zero).
  async function direct(stationId: number | null) {
    const where = stationId === null ? {} : { household: { stationId } };
    const t = await db.incomeEntry.aggregate({ where, _count: { _all: true }, _sum: { amountFen: true } });
    return { total: t._count._all, sumFen: Number(t._sum.amountFen ?? 0) };
  }

  it("equals a direct count and sum of the ledger, county-wide and per station, after entries and a reversal", async () => {
    await createIncomeEntry(f.staff, entry(a.id, { amountFen: 77_01, date: "2021-02-03" }));
    const e = await createIncomeEntry(f.staff, entry(b.id, { amountFen: 55_05, date: "2021-02-04" }));
    await reverseIncomeEntry(f.staff, e.id, { reason: "示例冲正" });
    const county = await listIncomeEntries(f.staff, {});
    expect({ total: county.total, sumFen: county.sumFen }).toEqual(await direct(null));
    expect(county.total).toBeGreaterThan(2);
    const station = await listIncomeEntries(f.operatorA, {});
    expect({ total: station.total, sumFen: station.sumFen }).toEqual(await direct(f.stationA.id));
    const byFilter = await listIncomeEntries(f.staff, { stationId: f.stationB.id });
    expect({ total: byFilter.total, sumFen: byFilter.sumFen }).toEqual(await direct(f.stationB.id));
    // A narrowing filter is counted on the ledger itself and agrees too.
    const narrowed = await listIncomeEntries(f.staff, { from: "2021-01-01" });
    const t = await db.incomeEntry.aggregate({ where: { date: { gte: new Date("2021-01-01") } }, _count: { _all: true }, _sum: { amountFen: true } });
    expect(narrowed.total).toBe(t._count._all);
    expect(narrowed.sumFen).toBe(Number(t._sum.amountFen));
  });

  it("still refuses an operator asking for another station's ledger", async () => {
    await expectCode(listIncomeEntries(f.operatorA, { stationId: f.stationB.id }), "FORBIDDEN");
  });
});
