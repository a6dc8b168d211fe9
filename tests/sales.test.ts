import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getSale, listSales, recordSale, reverseSale, salesTotals } from "@/lib/sales";
import { searchSupplierHouseholds } from "@/lib/sales/suppliers";
import { stationActivity } from "@/lib/stations";
import { countyToday } from "@/lib/format";
import { expectCode, makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct, perCapitaFen, saleWrites } from "./network-helpers";

let f: Fixture;
let product: { id: number };
let hA1: { id: number }, hA2: { id: number }, hB: { id: number }, hOutside: { id: number };

beforeAll(async () => {
  f = await makeFixture();
  product = await makeProduct(f);
  hA1 = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id, size: 4 });
  hA2 = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id, size: 2 });
  hB = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id, size: 5 });
  // Lives in village B (not covered by station A) but is served by station A.
  hOutside = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationA.id, size: 3 });
});

const sale = (over: Record<string, unknown> = {}) => ({
  productId: product.id, stationId: f.stationA.id, channel: "TAOBAO", date: "2020-06-15", quantity: "12.5", amountFen: 150_000,
  suppliers: [{ householdId: hA1.id, payoutFen: 60_000 }, { householdId: hA2.id, payoutFen: 50_000 }], ...over,
});

describe("recording a sale", () => {
  it("writes the sale, its suppliers, one OPERATING/ECOMMERCE_SALE ledger entry per supplier and an audit row; per-capita income rises", async () => {
    const before = { a1: await perCapitaFen(hA1.id, 2020), a2: await perCapitaFen(hA2.id, 2020) };
    const { sale: s, warnings } = await recordSale(f.operatorA, sale());
    expect(warnings).toEqual([]);
    expect(s).toMatchObject({ date: "2020-06-15", quantity: 12.5, amountFen: 150_000, payoutFen: 110_000, channel: "TAOBAO", reversed: false });
    const entries = await db.incomeEntry.findMany({ where: { saleId: s.id }, orderBy: { householdId: "asc" } });
    expect(entries.map((e) => ({ h: e.householdId, fen: e.amountFen, cat: e.category, src: e.source, date: e.date.toISOString().slice(0, 10), by: e.recordedById, st: e.stationId }))).toEqual([
      { h: hA1.id, fen: 60_000, cat: "OPERATING", src: "ECOMMERCE_SALE", date: "2020-06-15", by: f.operatorA.id, st: f.stationA.id },
      { h: hA2.id, fen: 50_000, cat: "OPERATING", src: "ECOMMERCE_SALE", date: "2020-06-15", by: f.operatorA.id, st: f.stationA.id },
    ]);
    expect(await perCapitaFen(hA1.id, 2020)).toBe(before.a1 + 15_000); // 600 yuan over 4 people
    expect(await perCapitaFen(hA2.id, 2020)).toBe(before.a2 + 25_000); // 500 yuan over 2 people
    expect(await perCapitaFen(hA1.id, 2021)).toBe(0); // dated on the sale date, so it counts in 2020 only
    const audit = await db.auditLog.findFirst({ where: { entity: "Sale", entityId: String(s.id), action: "create" } });
    expect(audit?.actor).toBe(f.operatorA.email);
    expect(audit?.after).toMatchObject({ amountFen: 150_000, incomeEntryIds: entries.map((e) => e.id) });
  });

  it("records a sale without suppliers and writes no ledger entry", async () => {
    const { sale: s } = await recordSale(f.staff, sale({ suppliers: [] }));
    expect(await db.incomeEntry.count({ where: { saleId: s.id } })).toBe(0);
  });

  it("lets ADMIN/STAFF name a household outside the station's villages, with a warning", async () => {
    const { sale: s, warnings } = await recordSale(f.staff, sale({ suppliers: [{ householdId: hA1.id, payoutFen: 1000 }, { householdId: hB.id, payoutFen: 2000 }] }));
    expect(warnings).toEqual([{ code: "SUPPLIER_OUTSIDE_COVERAGE", field: "suppliers.1.householdId", householdId: hB.id, householdCode: expect.any(String), villageName: f.villageB.name }]);
    const detail = await getSale(f.staff, s.id);
    expect(detail.suppliers.map((x) => [x.householdId, x.outsideCoverage])).toEqual([[hA1.id, false], [hB.id, true]]);
    expect(await db.incomeEntry.count({ where: { saleId: s.id } })).toBe(2);
  });

  it("lets an OPERATOR name a household their station serves even if it lives outside the covered villages", async () => {
    const { warnings } = await recordSale(f.operatorA, sale({ suppliers: [{ householdId: hOutside.id, payoutFen: 1000 }] }));
    expect(warnings).toEqual([]);
  });
});

describe("bad sale input: a clear error and nothing written", () => {
  const cases: [string, () => Record<string, unknown>, string][] = [
    ["payouts above the amount", () => sale({ amountFen: 100_000 }), "suppliers"],
    ["an unknown household", () => sale({ suppliers: [{ householdId: 999_999, payoutFen: 100 }] }), "suppliers.0.householdId"],
    ["the same household twice", () => sale({ suppliers: [{ householdId: hA1.id, payoutFen: 100 }, { householdId: hA1.id, payoutFen: 100 }] }), "suppliers.1.householdId"],
    ["a zero payout", () => sale({ suppliers: [{ householdId: hA1.id, payoutFen: 0 }] }), "suppliers.0.payoutFen"],
    ["a negative payout", () => sale({ suppliers: [{ householdId: hA1.id, payoutFen: -5 }] }), "suppliers.0.payoutFen"],
    ["zero quantity", () => sale({ quantity: 0 }), "quantity"],
    ["negative quantity", () => sale({ quantity: "-3" }), "quantity"],
    ["quantity with four decimals", () => sale({ quantity: "1.2345" }), "quantity"],
    ["zero amount", () => sale({ amountFen: 0, suppliers: [] }), "amountFen"],
    ["negative amount", () => sale({ amountFen: -100, suppliers: [] }), "amountFen"],
    ["a fractional fen amount", () => sale({ amountFen: 100.5, suppliers: [] }), "amountFen"],
    ["an amount over ¥10,000,000", () => sale({ amountFen: 1_000_000_001, suppliers: [] }), "amountFen"],
    ["an unknown product", () => sale({ productId: 999_999 }), "productId"],
    ["an unknown channel", () => sale({ channel: "AMAZON" }), "channel"],
    ["a missing channel", () => sale({ channel: undefined }), "channel"],
    ["a date in the future", () => sale({ date: "2999-01-01" }), "date"],
    ["a malformed date", () => sale({ date: "2020-02-30" }), "date"],
    ["a note over 500 characters", () => sale({ note: "x".repeat(501) }), "note"],
  ];
  it.each(cases)("refuses %s", async (_label, input, field) => {
    const before = await saleWrites();
    await expect(recordSale(f.staff, input())).rejects.toMatchObject({ code: "VALIDATION", fields: { [field]: expect.objectContaining({ key: expect.any(String) }) } });
    expect(await saleWrites()).toEqual(before);
  });

  it("refuses an unknown station (staff) as a field error", async () => {
    await expect(recordSale(f.staff, sale({ stationId: 999_999 }))).rejects.toMatchObject({ code: "VALIDATION", fields: { stationId: { key: "sales.errors.unknownStation" } } });
  });

  it("refuses a sale at a suspended station", async () => {
    await db.station.update({ where: { id: f.stationB.id }, data: { status: "SUSPENDED" } });
    await expect(recordSale(f.staff, sale({ stationId: f.stationB.id, suppliers: [] }))).rejects.toMatchObject({ fields: { stationId: { key: "sales.errors.stationNotActive" } } });
    await db.station.update({ where: { id: f.stationB.id }, data: { status: "ACTIVE" } });
  });

  it("accepts today's date (county time)", async () => {
    const { sale: s } = await recordSale(f.staff, sale({ date: countyToday(), suppliers: [] }));
    expect(s.date).toBe(countyToday());
  });
});

describe("OPERATOR limits", () => {
  it("refuses a sale for another station, and households of another station, writing nothing", async () => {
    const before = await saleWrites();
    await expectCode(recordSale(f.operatorA, sale({ stationId: f.stationB.id, suppliers: [] })), "FORBIDDEN");
    await expect(recordSale(f.operatorA, sale({ suppliers: [{ householdId: hA1.id, payoutFen: 100 }, { householdId: hB.id, payoutFen: 100 }] }))).rejects.toMatchObject({
      code: "FORBIDDEN",
      fields: { "suppliers.1.householdId": { key: "sales.errors.householdNotServed" } },
    });
    expect(await saleWrites()).toEqual(before);
  });

  it("refuses a VIEWER everything", async () => {
    await expectCode(recordSale(f.viewer, sale()), "FORBIDDEN");
    await expectCode(listSales(f.viewer, {}), "FORBIDDEN");
  });

  it("shows an OPERATOR only their station's sales and refuses another station's", async () => {
    const { sale: other } = await recordSale(f.staff, sale({ stationId: f.stationB.id, suppliers: [{ householdId: hB.id, payoutFen: 100 }] }));
    const mine = await listSales(f.operatorA, {});
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((s) => s.station.id === f.stationA.id)).toBe(true);
    await expectCode(listSales(f.operatorA, { stationId: f.stationB.id }), "FORBIDDEN");
    await expectCode(getSale(f.operatorA, other.id), "FORBIDDEN");
    await expectCode(reverseSale(f.operatorA, other.id, { reason: "不是我的" }), "FORBIDDEN");
    expect((await db.sale.findUniqueOrThrow({ where: { id: other.id } })).reversedAt).toBeNull();
    await expectCode(reverseSale(f.operatorB, other.id, { reason: "" }), "VALIDATION");
  });

  it("offers an OPERATOR only their station's households in the picker; staff any, flagged when not covered", async () => {
    const mine = await searchSupplierHouseholds(f.operatorA, { q: "测试户主", stationId: f.stationA.id });
    expect(mine.map((h) => h.id).sort()).toEqual([hA1.id, hA2.id, hOutside.id].sort());
    const all = await searchSupplierHouseholds(f.staff, { q: "测试户主", stationId: f.stationA.id });
    expect(all.find((h) => h.id === hB.id)?.covered).toBe(false);
    expect(all.find((h) => h.id === hA1.id)?.covered).toBe(true);
    await expectCode(searchSupplierHouseholds(f.viewer, {}), "FORBIDDEN");
  });
});

describe("reversing a sale", () => {
  it("undoes the payouts in every total, and a second reversal is a 409", async () => {
    const stationBefore = await stationActivity(f.staff, f.stationA.id);
    const totalsBefore = await salesTotals(f.staff, { stationId: f.stationA.id });
    const pc = { a1: await perCapitaFen(hA1.id, 2020), a2: await perCapitaFen(hA2.id, 2020) };

    const { sale: s } = await recordSale(f.staff, sale({ date: "2020-09-01", channel: "JD", amountFen: 90_000, suppliers: [{ householdId: hA1.id, payoutFen: 40_000 }, { householdId: hA2.id, payoutFen: 30_000 }] }));
    expect(await perCapitaFen(hA1.id, 2020)).toBe(pc.a1 + 10_000);
    expect(await perCapitaFen(hA2.id, 2020)).toBe(pc.a2 + 15_000);
    expect((await stationActivity(f.staff, f.stationA.id)).income.totalFen).toBe(stationBefore.income.totalFen + 70_000);
    expect((await salesTotals(f.staff, { stationId: f.stationA.id })).amountFen).toBe(totalsBefore.amountFen + 90_000);

    const reversed = await reverseSale(f.operatorA, s.id, { reason: "买家退货" });
    expect(reversed).toMatchObject({ reversed: true, reversalReason: "买家退货" });
    expect(await perCapitaFen(hA1.id, 2020)).toBe(pc.a1);
    expect(await perCapitaFen(hA2.id, 2020)).toBe(pc.a2);
    const after = await stationActivity(f.staff, f.stationA.id);
    expect(after.income.totalFen).toBe(stationBefore.income.totalFen);
    expect(after.sales).toEqual(stationBefore.sales);
    const totals = await salesTotals(f.staff, { stationId: f.stationA.id });
    expect({ amountFen: totals.amountFen, payoutFen: totals.payoutFen, count: totals.count }).toEqual({ amountFen: totalsBefore.amountFen, payoutFen: totalsBefore.payoutFen, count: totalsBefore.count });
    expect(totals.byChannel.find((c) => c.channel === "JD")).toBeUndefined();

    // The original entries stay; each has exactly one reversing entry with the reason, on the same date.
    const entries = await db.incomeEntry.findMany({ where: { saleId: s.id }, orderBy: { id: "asc" } });
    expect(entries).toHaveLength(4);
    const [o1, o2, r1, r2] = entries;
    expect([r1.reversesId, r2.reversesId].sort()).toEqual([o1.id, o2.id].sort());
    expect(r1).toMatchObject({ amountFen: -o1.amountFen, reversalReason: "买家退货", date: o1.date, category: "OPERATING", source: "ECOMMERCE_SALE" });

    await expectCode(reverseSale(f.staff, s.id, { reason: "again" }), "CONFLICT");
    expect(await db.incomeEntry.count({ where: { saleId: s.id } })).toBe(4);
    const audits = await db.auditLog.findMany({ where: { entity: "Sale", entityId: String(s.id) }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.action, a.actor])).toEqual([["create", f.staff.email], ["reverse", f.operatorA.email]]);
    expect((await getSale(f.staff, s.id)).incomeEntries).toHaveLength(4);
  });

  it("refuses an unknown sale and a missing reason", async () => {
    await expectCode(reverseSale(f.staff, 999_999, { reason: "x" }), "NOT_FOUND");
    await expect(reverseSale(f.staff, 1, {})).rejects.toMatchObject({ code: "VALIDATION", fields: { reason: expect.anything() } });
  });

  it("lists reversed sales apart and leaves them out of the totals", async () => {
    const reversed = await listSales(f.staff, { state: "reversed" });
    expect(reversed.items.length).toBeGreaterThan(0);
    expect(reversed.items.every((s) => s.reversed)).toBe(true);
    expect((await salesTotals(f.staff, { state: "reversed" })).count).toBe(0);
  });
});

describe("sales totals", () => {
  it("sums by product, channel, station and month, matching the filters", async () => {
    const p2 = await makeProduct(f, "P-RICE");
    await recordSale(f.staff, sale({ productId: p2.id, stationId: f.stationB.id, channel: "DOUYIN", date: "2019-12-05", amountFen: 5_000, suppliers: [{ householdId: hB.id, payoutFen: 4_000 }] }));
    await recordSale(f.staff, sale({ productId: p2.id, stationId: f.stationB.id, channel: "DOUYIN", date: "2019-12-20", amountFen: 7_000, quantity: 2, suppliers: [] }));
    const t = await salesTotals(f.staff, { from: "2019-12-01", to: "2019-12-31" });
    expect(t).toMatchObject({ count: 2, amountFen: 12_000, payoutFen: 4_000 });
    expect(t.byMonth).toEqual([{ month: "2019-12", count: 2, amountFen: 12_000 }]);
    expect(t.byChannel).toEqual([{ channel: "DOUYIN", count: 2, amountFen: 12_000 }]);
    expect(t.byStation).toEqual([{ station: expect.objectContaining({ code: "RS-B" }), count: 2, amountFen: 12_000 }]);
    expect(t.byProduct).toEqual([{ product: expect.objectContaining({ code: "P-RICE" }), count: 2, amountFen: 12_000, quantity: 14.5 }]);
    const opTotals = await salesTotals(f.operatorA, { from: "2019-12-01", to: "2019-12-31" });
    expect(opTotals.count).toBe(0); // station B's sales are not in station A's operator's totals
    const byHousehold = await listSales(f.staff, { householdId: hB.id, from: "2019-12-01", to: "2019-12-31" });
    expect(byHousehold.items.map((s) => s.date)).toEqual(["2019-12-05"]);
  });
});
