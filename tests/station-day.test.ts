// An OPERATOR's home (lib/stations/today.ts): today's entries and sales and the households to follow up, all of the
// operator's own station only; another station's day is refused.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIncomeEntry, reverseIncomeEntry } from "@/lib/income";
import { recordSale } from "@/lib/sales";
import { FOLLOW_UP_DAYS, stationDay } from "@/lib/stations/today";
import { countyToday } from "@/lib/format";
import { expectCode, makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct } from "./network-helpers";

let f: Fixture;
const today = countyToday();
const ago = (days: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};
const h: Record<string, { id: number; code: string }> = {};

beforeAll(async () => {
  f = await makeFixture();
  const product = await makeProduct(f);
  const entry = (householdId: number, date: string, amountFen: number) =>
    createIncomeEntry(f.staff, { householdId, date, category: "WAGE", source: "MIGRANT_WORK", amountFen });
  // Station A: recent income (no follow-up), quiet since 120 days, never recorded, exited, only a reversed entry.
  for (const k of ["recent", "quiet", "never", "exited", "reversedOnly", "monitored"]) h[k] = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id });
  await db.household.update({ where: { id: h.exited.id }, data: { status: "EXITED", exitYear: 2019 } });
  await db.household.update({ where: { id: h.monitored.id }, data: { status: "MONITORED", exitYear: 2019 } });
  await entry(h.recent.id, today, 12_300);
  await entry(h.recent.id, ago(30), 5_000);
  await entry(h.quiet.id, ago(120), 7_000);
  await entry(h.monitored.id, ago(FOLLOW_UP_DAYS), 1_000); // one day before the 90-day window
  const mistake = await entry(h.reversedOnly.id, ago(10), 9_900);
  await reverseIncomeEntry(f.staff, mistake.id, { reason: "录错户" });
  // Station B: its own household with income and a sale today, never to appear on A's home.
  h.other = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id });
  await entry(h.other.id, today, 99_900);
  await recordSale(f.staff, { productId: product.id, stationId: f.stationA.id, channel: "TAOBAO", date: today, quantity: 2, amountFen: 24_000, suppliers: [{ householdId: h.recent.id, payoutFen: 20_000 }] });
  const reversed = await recordSale(f.staff, { productId: product.id, stationId: f.stationA.id, channel: "JD", date: today, quantity: 1, amountFen: 12_000 });
  await db.sale.update({ where: { id: reversed.sale.id }, data: { reversedAt: new Date(), reversalReason: "测试" } });
  await recordSale(f.staff, { productId: product.id, stationId: f.stationB.id, channel: "JD", date: today, quantity: 5, amountFen: 60_000 });
  await recordSale(f.staff, { productId: product.id, stationId: f.stationA.id, channel: "JD", date: ago(1), quantity: 1, amountFen: 12_000 });
});

describe("an operator's station day", () => {
  it("lists today's ledger entries and sales of the operator's station only", async () => {
    const day = await stationDay(f.operatorA, f.stationA.id);
    expect(day.today).toBe(today);
    expect(day.station.code).toBe(f.stationA.code);
    // Today's entries: the typed one and the sale's payout, both station A's.
    expect(day.income.rows.map((e) => e.householdId).sort()).toEqual([h.recent.id, h.recent.id]);
    expect(day.income).toMatchObject({ total: 2, sumFen: 12_300 + 20_000 });
    // Today's sales: two listed (one reversed), one in effect; yesterday's and station B's are not.
    expect(day.sales.rows.map((s) => s.station.id)).toEqual([f.stationA.id, f.stationA.id]);
    expect(day.sales).toMatchObject({ total: 2, activeCount: 1, amountFen: 24_000 });
  });

  it("follows up the quiet POOR and MONITORED households, never recorded first, without exited or recent ones", async () => {
    const day = await stationDay(f.operatorA, f.stationA.id);
    expect(day.followUp.days).toBe(FOLLOW_UP_DAYS);
    expect(day.followUp.rows.map((r) => r.id)).toEqual([h.never.id, h.reversedOnly.id, h.quiet.id, h.monitored.id]);
    expect(day.followUp.total).toBe(4);
    expect(day.followUp.rows.find((r) => r.id === h.quiet.id)?.lastEntryOn).toBe(ago(120));
    expect(day.followUp.rows.find((r) => r.id === h.reversedOnly.id)?.lastEntryOn).toBeNull();
    expect(day.followUp.rows.every((r) => r.id !== h.other.id)).toBe(true);
  });

  it("gives station B's operator station B's day, and refuses another station's day or a viewer", async () => {
    const day = await stationDay(f.operatorB, f.stationB.id);
    expect(day.income).toMatchObject({ total: 1, sumFen: 99_900 });
    expect(day.sales).toMatchObject({ total: 1, activeCount: 1, amountFen: 60_000 });
    expect(day.followUp.rows.map((r) => r.id)).toEqual([]);
    await expectCode(stationDay(f.operatorB, f.stationA.id), "FORBIDDEN");
    await expectCode(stationDay(f.viewer, f.stationA.id), "FORBIDDEN");
    await expectCode(stationDay({ ...f.operatorA, stationId: null }, f.stationA.id), "FORBIDDEN");
  });
});
