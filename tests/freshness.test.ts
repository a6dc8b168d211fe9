// Nothing the pages read may be stale or cross stations: every figure below comes from a summary table kept inside
// the write's transaction (no process cache, no nightly job), so the read right after a write shows it, on any
// process, and a station's operator never reads another station's figures. This guards any cache added later.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { recordSale, reverseSale } from "@/lib/sales";
import { createIncomeEntry, listIncomeEntries } from "@/lib/income";
import { overview } from "@/lib/progress";
import { stationActivity } from "@/lib/stations";
import { householdWarnings, listWarnings, monitoringSummary } from "@/lib/monitoring";
import { rebuildWarnings } from "@/lib/monitoring/warnings";
import { expectCode, makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct } from "./network-helpers";

vi.mock("@/lib/auth/session", () => ({ currentViewer: async () => null }));

let f: Fixture;
let hA: { id: number };
let hB: { id: number };
let productId: number;
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
const year = today.slice(0, 4);
const period = { from: `${year}-01-01`, to: `${year}-12-31`, year };

beforeAll(async () => {
  f = await makeFixture();
  await db.exitThreshold.create({ data: { region: "WESTERN", incidenceBelowPct: 3 } });
  productId = (await makeProduct(f)).id;
  hA = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id, size: 2 });
  hB = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id, size: 3 });
  // hB exited in 2019, so relapse monitoring watches it (set directly, then the warnings summary rebuilt once).
  await db.household.update({ where: { id: hB.id }, data: { status: "EXITED", exitYear: 2019 } });
  await db.$transaction((tx) => rebuildWarnings(tx));
});

describe("figures after a write", () => {
  it("the next read shows a sale, its payout and its reversal, for its station only", async () => {
    const read = async () => ({
      a: await overview(f.operatorA, { ...period, station: "RS-A" }),
      b: await overview(f.operatorB, { ...period, station: "RS-B" }),
      stationA: await stationActivity(f.operatorA, f.stationA.id),
      ledgerA: await listIncomeEntries(f.operatorA, {}),
      ledgerB: await listIncomeEntries(f.operatorB, {}),
      county: await listIncomeEntries(f.staff, {}),
    });
    const before = await read();
    const sale = await recordSale(f.operatorA, {
      productId, stationId: f.stationA.id, channel: "TAOBAO", date: today, quantity: "3", amountFen: 90_000, suppliers: [{ householdId: hA.id, payoutFen: 40_000 }],
    });
    const after = await read();
    // County figures are everyone's; the station part is its own households'.
    expect(after.a.beneficiaries.incomeFen - before.a.beneficiaries.incomeFen).toBe(40_000);
    expect(after.b.beneficiaries.incomeFen - before.b.beneficiaries.incomeFen).toBe(40_000);
    expect(after.a.station!.beneficiaries.incomeFen - before.a.station!.beneficiaries.incomeFen).toBe(40_000);
    expect(after.stationA.sales.count - before.stationA.sales.count).toBe(1);
    expect(after.stationA.income.totalFen - before.stationA.income.totalFen).toBe(40_000);
    expect(after.ledgerA.total - before.ledgerA.total).toBe(1);
    expect(after.ledgerA.sumFen - before.ledgerA.sumFen).toBe(40_000);
    expect(after.county.sumFen - before.county.sumFen).toBe(40_000);
    // Station B's operator sees nothing of it, and cannot ask for station A's figures.
    expect(after.b.station).toEqual(before.b.station);
    expect(after.ledgerB).toEqual(before.ledgerB);
    await expectCode(overview(f.operatorB, { ...period, station: "RS-A" }), "FORBIDDEN");
    await expectCode(stationActivity(f.operatorB, f.stationA.id), "FORBIDDEN");

    await reverseSale(f.staff, sale.sale.id, { reason: "退货" });
    const reversed = await read();
    expect(reversed.a.beneficiaries.incomeFen).toBe(before.a.beneficiaries.incomeFen);
    expect(reversed.a.station).toEqual(before.a.station);
    expect(reversed.stationA.income.totalFen).toBe(before.stationA.income.totalFen);
    expect(reversed.ledgerA.sumFen).toBe(before.ledgerA.sumFen);
    expect(reversed.ledgerA.total - before.ledgerA.total).toBe(2); // the payout and its reversing entry: append-only
  });

  it("the next read of the monitoring list shows a household's warning appear and go, for its station only", async () => {
    const warned = async (viewer: typeof f.staff) =>
      (await listWarnings(viewer, { year, level: "household", rule: "LOW_INCOME", pageSize: 100 })).households.map((h) => h.id);
    // hB has no income this year: below the line. An entry well above the line for 3 people lifts it out at once.
    expect(await warned(f.operatorB)).toContain(hB.id);
    expect(await warned(f.operatorA)).not.toContain(hB.id);
    const lowIncome = async () => (await listWarnings(f.staff, { year, rule: "LOW_INCOME" })).totals?.households ?? 0;
    const before = { summary: await monitoringSummary(f.staff, { year }), low: await lowIncome() };
    await createIncomeEntry(f.staff, { householdId: hB.id, date: today, category: "WAGE", source: "MIGRANT_WORK", amountFen: 10_000_000 });
    expect(await warned(f.operatorB)).not.toContain(hB.id);
    expect((await householdWarnings(f.operatorB, hB.id)).filter((w) => String(w.year) === year).map((w) => w.rule)).not.toContain("LOW_INCOME");
    await expectCode(householdWarnings(f.operatorA, hB.id), "FORBIDDEN");
    expect(await lowIncome()).toBe(before.low - 1);
    // Its guarantee warnings (the fixture leaves the five guarantees unset) keep it among the warned households.
    const after = await monitoringSummary(f.staff, { year });
    expect(after.warnedHouseholds).toBe(before.summary.warnedHouseholds);
  });
});
