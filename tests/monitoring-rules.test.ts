// Hand-computed fixtures for every warning rule (lib/monitoring/rules.ts) and its boundaries.
import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, asOfDay, eliminationRefusals, evaluateWarnings, monitoredIn, twelveMonthsTo, type HouseholdFacts, type WarningInput } from "@/lib/monitoring/rules";

const SECURE = { foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true };
const EXITED: HouseholdFacts = { ...SECURE, size: 4, status: "EXITED", kind: "REGISTERED", registeredYear: 2016, exitYear: 2019 };
const LINE = 600_000; // ¥6,000 per person

function run(over: Omit<Partial<WarningInput>, "household"> & { household?: Partial<HouseholdFacts> } = {}) {
  const { household, ...rest } = over;
  return evaluateWarnings({
    year: 2021, asOf: "2021-12-31", lineFen: LINE, thresholds: DEFAULT_THRESHOLDS, income: [], saleDates: [], hardships: [], currentYear: false,
    ...rest,
    household: { ...EXITED, ...household },
  });
}
const rules = (r: ReturnType<typeof run>) => r.warnings.map((w) => w.rule);
const low = (r: ReturnType<typeof run>) => r.warnings.find((w) => w.rule === "LOW_INCOME")?.figures;
/** One entry of `fen` (not e-commerce) on `date`, plus enough e-commerce-free context. */
const on = (date: string, incomeFen: number, ecomFen = 0) => ({ date, incomeFen, ecomFen });

describe("the 12-month window", () => {
  it("runs from the day after the same date a year earlier to the assessment day", () => {
    expect(twelveMonthsTo("2021-12-31")).toEqual({ from: "2021-01-01", to: "2021-12-31" });
    expect(twelveMonthsTo("2026-12-03")).toEqual({ from: "2025-12-04", to: "2026-12-03" });
    expect(asOfDay(2021, "2026-12-03")).toBe("2021-12-31");
    expect(asOfDay(2026, "2026-12-03")).toBe("2026-12-03");
  });

  it("counts an entry on its first and its last day, not the day before or after", () => {
    // 4 people × ¥9,000 = ¥36,000 is the top of the 1.5× band; one fen more is outside it.
    const inside = run({ income: [on("2021-01-01", 1_800_000), on("2021-12-31", 1_800_001)] });
    expect(rules(inside)).not.toContain("LOW_INCOME");
    expect(inside.figures.incomeFen).toBe(3_600_001);
    const outside = run({ income: [on("2020-12-31", 1_800_000), on("2021-12-31", 1_800_001), on("2022-01-01", 5_000_000)] });
    expect(outside.figures).toMatchObject({ incomeFen: 1_800_001, prevIncomeFen: 1_800_000 });
    expect(low(outside)).toMatchObject({ level: "BELOW_LINE", perCapitaFen: 450_000 });
  });

  it("in the running year ends today", () => {
    const r = run({ year: 2026, asOf: "2026-12-03", income: [on("2025-12-03", 10_000_000), on("2025-12-04", 2_400_000)] });
    expect(r.figures).toMatchObject({ from: "2025-12-04", to: "2026-12-03", incomeFen: 2_400_000 });
  });
});

describe("rule 1: income below the monitoring line or within the band above it", () => {
  it("exactly on the line is below it; one fen above is near it", () => {
    expect(low(run({ income: [on("2021-06-01", 2_400_000)] }))).toMatchObject({ level: "BELOW_LINE", incomeFen: 2_400_000, perCapitaFen: 600_000, lineFen: LINE, bandPct: 150 });
    expect(low(run({ income: [on("2021-06-01", 2_400_001)] }))).toMatchObject({ level: "NEAR_LINE", perCapitaFen: 600_000 });
  });

  it("exactly on the band warns; one fen above it does not", () => {
    expect(low(run({ income: [on("2021-06-01", 3_600_000)] }))).toMatchObject({ level: "NEAR_LINE", perCapitaFen: 900_000 });
    expect(rules(run({ income: [on("2021-06-01", 3_600_001)] }))).toEqual([]);
  });

  it("a reversed entry inside the window cancels it", () => {
    const r = run({ income: [on("2021-03-01", 5_000_000), on("2021-03-01", -5_000_000), on("2021-04-01", 2_000_000)] });
    expect(low(r)).toMatchObject({ incomeFen: 2_000_000, level: "BELOW_LINE" });
  });

  it("follows the household's size: ¥27,000 is near the line for 4, below it for 5, on the band for 3, clear for 2", () => {
    const income = [on("2021-06-01", 2_700_000)];
    expect(low(run({ income, household: { size: 4 } }))).toMatchObject({ level: "NEAR_LINE", perCapitaFen: 675_000 });
    expect(low(run({ income, household: { size: 5 } }))).toMatchObject({ level: "BELOW_LINE", perCapitaFen: 540_000 });
    expect(low(run({ income, household: { size: 3 } }))).toMatchObject({ level: "NEAR_LINE", perCapitaFen: 900_000 });
    expect(rules(run({ income, household: { size: 2 } }))).toEqual([]);
  });

  it("uses the configured band", () => {
    const income = [on("2021-06-01", 3_000_000)]; // ¥7,500 a person: within 1.5×, outside 1.2×
    expect(rules(run({ income }))).toEqual(["LOW_INCOME"]);
    expect(rules(run({ income, thresholds: { ...DEFAULT_THRESHOLDS, bandPct: 120 } }))).toEqual([]);
  });
});

describe("rule 2: e-commerce income down year on year", () => {
  // The year before: ¥10,000 of which e-commerce ¥2,000 (20%); this year well above the band from other income.
  const prev = (ecom: number, total = 1_000_000) => [on("2020-05-01", total - ecom), on("2020-06-01", ecom, ecom)];
  const now = (ecom: number) => [on("2021-05-01", 5_000_000), on("2021-06-01", ecom, ecom)];

  it("fires at exactly a 30% drop with exactly a 20% share", () => {
    const r = run({ income: [...prev(200_000), ...now(140_000)] });
    expect(r.warnings).toEqual([{ rule: "ECOM_DROP", figures: expect.objectContaining({ ecomFen: 140_000, prevEcomFen: 200_000, prevIncomeFen: 1_000_000, dropPct: 30, sharePct: 20 }) }]);
  });

  it("does not fire one fen short of either threshold, or without e-commerce the year before", () => {
    expect(rules(run({ income: [...prev(200_000), ...now(140_001)] }))).toEqual([]);
    expect(rules(run({ income: [...prev(199_999), ...now(100_000)] }))).toEqual([]);
    expect(rules(run({ income: [on("2020-05-01", 1_000_000), ...now(0)] }))).toEqual([]);
  });

  it("counts a fall to nothing as a 100% drop", () => {
    const r = run({ income: [...prev(500_000), on("2021-05-01", 5_000_000)] });
    expect(r.warnings[0].figures).toMatchObject({ dropPct: 100, sharePct: 50 });
  });
});

describe("rule 3: no sale for 90 days after a year of regular sales", () => {
  // Assessed 2021-12-31: the 90 quiet days are 2021-10-03..2021-12-31, the year before them 2020-10-03..2021-10-02.
  const monthly = (months: number) => Array.from({ length: months }, (_, i) => new Date(Date.UTC(2020, 9 + i, 15)).toISOString().slice(0, 10));
  const rich = [on("2021-06-01", 9_000_000)];

  it("fires when the last sale was the day before the quiet days, after sales in 6 or more months", () => {
    const r = run({ income: rich, saleDates: [...monthly(11), "2021-10-02"] });
    expect(r.warnings).toEqual([{ rule: "NO_SALES", figures: expect.objectContaining({ lastSaleOn: "2021-10-02", daysWithoutSale: 90, monthsWithSales: 12, from: "2020-10-03", to: "2021-10-02" }) }]);
    expect(rules(run({ income: rich, saleDates: monthly(6) }))).toEqual(["NO_SALES"]);
  });

  it("does not fire with a sale on the first quiet day, or after sales in only 5 months", () => {
    expect(rules(run({ income: rich, saleDates: [...monthly(12), "2021-10-03"] }))).toEqual([]);
    expect(rules(run({ income: rich, saleDates: monthly(5) }))).toEqual([]);
  });

  it("uses the configured days", () => {
    const saleDates = [...monthly(12), "2021-11-15"]; // 46 days before the assessment day
    expect(rules(run({ income: rich, saleDates }))).toEqual([]);
    expect(rules(run({ income: rich, saleDates, thresholds: { ...DEFAULT_THRESHOLDS, noSaleDays: 30 } }))).toEqual(["NO_SALES"]);
  });
});

describe("rules 4 and 5: a guarantee lost, a hardship reported", () => {
  const rich = [on("2021-06-01", 9_000_000)];
  it("a guarantee missing on the record warns in the current year only", () => {
    const h = { housingSecure: false, waterSecure: false };
    expect(run({ income: rich, household: h, currentYear: true }).warnings).toEqual([{ rule: "GUARANTEE_LOST", figures: { missing: ["housingSecure", "waterSecure"] } }]);
    expect(rules(run({ income: rich, household: h, currentYear: false }))).toEqual([]);
  });

  it("a hardship within the 12 months warns with its figures; one before them does not", () => {
    const r = run({ income: rich, hardships: [{ date: "2021-01-01", type: "ILLNESS", amountFen: 3_000_000 }, { date: "2021-07-01", type: "DISASTER", amountFen: null }, { date: "2020-12-31", type: "ACCIDENT", amountFen: 1 }] });
    expect(r.warnings).toEqual([{ rule: "HARDSHIP", figures: expect.objectContaining({ count: 2, types: ["DISASTER", "ILLNESS"], amountFen: 3_000_000, latestOn: "2021-07-01" }) }]);
  });
});

describe("who is monitored", () => {
  it("exited households after their exit year, monitoring-only households from their registration, never POOR ones", () => {
    expect(monitoredIn(EXITED, 2019)).toBe(false);
    expect(monitoredIn(EXITED, 2020)).toBe(true);
    expect(monitoredIn({ ...EXITED, status: "POOR", exitYear: null }, 2021)).toBe(false);
    expect(monitoredIn({ ...EXITED, kind: "MONITORING", status: "MONITORED", exitYear: null, registeredYear: 2022 }, 2021)).toBe(false);
    expect(monitoredIn({ ...EXITED, kind: "MONITORING", status: "MONITORED", exitYear: null, registeredYear: 2022 }, 2022)).toBe(true);
    expect(run({ household: { status: "POOR", exitYear: null } }).warnings).toEqual([]);
    expect(rules(run({ year: 2019, asOf: "2019-12-31" }))).toEqual([]);
  });
});

describe("risk elimination", () => {
  it("needs per-capita income strictly above the line and every guarantee", () => {
    expect(eliminationRefusals({ incomeFen: 2_400_000, size: 4, lineFen: LINE, guarantees: SECURE })).toEqual(["income"]);
    expect(eliminationRefusals({ incomeFen: 2_400_001, size: 4, lineFen: LINE, guarantees: SECURE })).toEqual([]);
    expect(eliminationRefusals({ incomeFen: 2_400_001, size: 4, lineFen: LINE, guarantees: { ...SECURE, medicalSecure: false } })).toEqual(["guarantees"]);
    expect(eliminationRefusals({ incomeFen: 0, size: 4, lineFen: null, guarantees: { ...SECURE, waterSecure: false } })).toEqual(["noLine", "guarantees"]);
  });
});
