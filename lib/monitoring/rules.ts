// The relapse-prevention warning rules (issue 10) and risk elimination, as pure functions over one household's
// figures: the warnings summary (lib/monitoring/warnings.ts), the full recompute, the elimination check and the tests
// all take them from here. Dates are ISO "YYYY-MM-DD" strings (county calendar days); money is integer fen.
import type { HouseholdKind, HouseholdStatus, WarningRule } from "../generated/prisma/enums";
import { allGuaranteesMet, perCapitaFen, type FiveGuarantees } from "../progress/rules";
import { GUARANTEES } from "../validation/households";

export const WARNING_RULES = ["LOW_INCOME", "ECOM_DROP", "NO_SALES", "GUARANTEE_LOST", "HARDSHIP"] as const satisfies readonly WarningRule[];

/** The configurable thresholds (table MonitoringThresholds; the defaults). */
export type Thresholds = {
  /** Per-capita income up to line × bandPct / 100 warns (150: the 1.5× band). */
  bandPct: number;
  /** E-commerce income down year on year by at least this share (percent) … */
  ecomDropPct: number;
  /** … for a household whose e-commerce share of income in the year before was at least this (percent). */
  ecomSharePct: number;
  /** No sale with the household as supplier for this many days (the days ending on the as-of date) … */
  noSaleDays: number;
  /** … after a year of regular sales: a sale in at least this many different months of the 12 months before. */
  regularMonths: number;
};
export const DEFAULT_THRESHOLDS: Thresholds = { bandPct: 150, ecomDropPct: 30, ecomSharePct: 20, noSaleDays: 90, regularMonths: 6 };

// ── County calendar days ──────────────────────────────────────────────────────────────────────────────────────────

function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
export function addDays(day: string, n: number): string {
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000);
}

/**
 * The 12 months ending on `end` (inclusive): from the day after the same date a year earlier. 2025-12-31 →
 * 2025-01-01..2025-12-31; 2026-12-03 → 2025-12-04..2026-12-03.
 */
export function twelveMonthsTo(end: string): { from: string; to: string } {
  const e = utc(end);
  return { from: iso(new Date(Date.UTC(e.getUTCFullYear() - 1, e.getUTCMonth(), e.getUTCDate() + 1))), to: end };
}

/** The day a monitoring year is assessed on: its 31 December, or today while the year is running. */
export function asOfDay(year: number, today: string): string {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

// ── One household ─────────────────────────────────────────────────────────────────────────────────────────────────

export type HouseholdFacts = FiveGuarantees & {
  size: number;
  status: HouseholdStatus;
  kind: HouseholdKind;
  registeredYear: number;
  exitYear: number | null;
};

/** Net ledger income per day (reversals included, negative), all sources and e-commerce. */
export type DayIncome = { date: string; incomeFen: number; ecomFen: number };

export type WarningInput = {
  household: HouseholdFacts;
  year: number;
  /** The assessment day (asOfDay). */
  asOf: string;
  /** The year's monitoring line, fen per person. */
  lineFen: number;
  thresholds: Thresholds;
  income: readonly DayIncome[];
  /** Dates of the sales (not reversed) naming the household as a supplier. */
  saleDates: readonly string[];
  hardships: readonly { date: string; type: string; amountFen: number | null }[];
  /** Guarantees are kept as the record's current state only (no history): judged only in the current year. */
  currentYear: boolean;
};

export type YearFigures = { size: number; incomeFen: number; ecomFen: number; prevIncomeFen: number; prevEcomFen: number; from: string; to: string };
export type FiredWarning = { rule: WarningRule; figures: Record<string, unknown> };

/**
 * Is the household in relapse monitoring in `year`? A household entered for monitoring: from its registration year.
 * A registered household: once exited (EXITED or MONITORED), in the years after its exit year; one still POOR is in
 * the exit process (the progress dashboards), not in relapse monitoring.
 */
export function monitoredIn(h: HouseholdFacts, year: number): boolean {
  if (h.kind === "MONITORING") return year >= h.registeredYear;
  return h.status !== "POOR" && h.exitYear !== null && year > h.exitYear;
}

function sumIn(income: readonly DayIncome[], from: string, to: string) {
  let incomeFen = 0;
  let ecomFen = 0;
  for (const d of income) {
    if (d.date >= from && d.date <= to) {
      incomeFen += d.incomeFen;
      ecomFen += d.ecomFen;
    }
  }
  return { incomeFen, ecomFen };
}

/** The 12 months' figures the rules read: this window and the one before it. */
export function yearFigures(input: Pick<WarningInput, "household" | "asOf" | "income">): YearFigures {
  const { from, to } = twelveMonthsTo(input.asOf);
  const prev = twelveMonthsTo(addDays(from, -1));
  const now = sumIn(input.income, from, to);
  const before = sumIn(input.income, prev.from, prev.to);
  return { size: input.household.size, incomeFen: now.incomeFen, ecomFen: now.ecomFen, prevIncomeFen: before.incomeFen, prevEcomFen: before.ecomFen, from, to };
}

/** Percent with one decimal, for the figures shown beside a warning. */
const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** The rules that fire for a household in a monitoring year, each with its figures. Empty when not monitored. */
export function evaluateWarnings(input: WarningInput): { figures: YearFigures; warnings: FiredWarning[] } {
  const { household: h, thresholds: t, lineFen } = input;
  const figures = yearFigures(input);
  const warnings: FiredWarning[] = [];
  if (!monitoredIn(h, input.year)) return { figures, warnings };
  const window = { from: figures.from, to: figures.to };

  // 1. Per-capita income of the 12 months not above the line, or within the band above it (line × bandPct / 100,
  //    inclusive). Compared exactly in fen: income × 100 ≤ line × size × bandPct.
  if (figures.incomeFen * 100 <= lineFen * h.size * t.bandPct) {
    warnings.push({
      rule: "LOW_INCOME",
      figures: {
        ...window, incomeFen: figures.incomeFen, size: h.size, perCapitaFen: perCapitaFen(figures.incomeFen, h.size), lineFen, bandPct: t.bandPct,
        // Exactly on the line is not above it (the elimination test is strict), so it is below-line.
        level: figures.incomeFen <= lineFen * h.size ? "BELOW_LINE" : "NEAR_LINE",
      },
    });
  }

  // 2. E-commerce income down year on year by at least ecomDropPct, when it was at least ecomSharePct of the income
  //    of the 12 months before (both inclusive).
  const { prevEcomFen, prevIncomeFen, ecomFen } = figures;
  if (prevEcomFen > 0 && prevIncomeFen > 0 && prevEcomFen * 100 >= t.ecomSharePct * prevIncomeFen && (prevEcomFen - ecomFen) * 100 >= t.ecomDropPct * prevEcomFen) {
    warnings.push({
      rule: "ECOM_DROP",
      figures: { ...window, ecomFen, prevEcomFen, prevIncomeFen, dropPct: pct(prevEcomFen - ecomFen, prevEcomFen), sharePct: pct(prevEcomFen, prevIncomeFen), thresholdDropPct: t.ecomDropPct, thresholdSharePct: t.ecomSharePct },
    });
  }

  // 3. No sale naming the household as a supplier in the noSaleDays days ending on the as-of day, after a year of
  //    regular sales: sales in at least regularMonths different months of the 12 months before those days.
  const quietFrom = addDays(input.asOf, -(t.noSaleDays - 1));
  const prior = twelveMonthsTo(addDays(quietFrom, -1));
  const sales = input.saleDates.filter((d) => d <= input.asOf);
  if (!sales.some((d) => d >= quietFrom)) {
    const months = new Set(sales.filter((d) => d >= prior.from && d <= prior.to).map((d) => d.slice(0, 7)));
    if (months.size >= t.regularMonths) {
      const lastSaleOn = sales.reduce((a, b) => (b > a ? b : a));
      warnings.push({ rule: "NO_SALES", figures: { lastSaleOn, daysWithoutSale: daysBetween(lastSaleOn, input.asOf), monthsWithSales: months.size, from: prior.from, to: prior.to, noSaleDays: t.noSaleDays } });
    }
  }

  // 4. A guarantee not held on the household record (its current state: judged in the current year only).
  if (input.currentYear && !allGuaranteesMet(h)) {
    warnings.push({ rule: "GUARANTEE_LOST", figures: { missing: GUARANTEES.filter((g) => !h[g]) } });
  }

  // 5. A sudden severe hardship reported within the 12 months.
  const hardships = input.hardships.filter((x) => x.date >= window.from && x.date <= window.to);
  if (hardships.length > 0) {
    warnings.push({
      rule: "HARDSHIP",
      figures: {
        ...window, count: hardships.length, types: [...new Set(hardships.map((x) => x.type))].sort(),
        amountFen: hardships.reduce((s, x) => s + (x.amountFen ?? 0), 0), latestOn: hardships.map((x) => x.date).reduce((a, b) => (b > a ? b : a)),
      },
    });
  }
  return { figures, warnings };
}

/**
 * Risk elimination (风险消除): the last 12 months' per-capita income strictly above the monitoring line (exactly:
 * income > line × size) and every guarantee holding. Returns the reasons it is refused (empty: allowed).
 */
export function eliminationRefusals(input: { incomeFen: number; size: number; lineFen: number | null; guarantees: FiveGuarantees }): ("noLine" | "income" | "guarantees")[] {
  const reasons: ("noLine" | "income" | "guarantees")[] = [];
  if (input.lineFen === null) reasons.push("noLine");
  else if (!(input.size > 0 && input.incomeFen > input.lineFen * input.size)) reasons.push("income");
  if (!allGuaranteesMet(input.guarantees)) reasons.push("guarantees");
  return reasons;
}
