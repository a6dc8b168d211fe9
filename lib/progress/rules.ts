// Poverty-exit rules (DESIGN §5) as small pure functions, shared by the seed, the reports and the tests.
import type { HouseholdStatus, IncomeSource, StationStatus } from "../generated/prisma/enums";

/** Ledger sources that count as e-commerce income: sale-linked payouts and wages for working at a station. */
export const ECOMMERCE_SOURCES = ["ECOMMERCE_SALE", "STATION_JOB"] as const satisfies readonly IncomeSource[];

/**
 * Statuses that count as exited for poverty incidence. A MONITORED household has exited (it keeps its exitYear) and
 * is only watched for relapse, so it is not "in a registered household not exited"; only POOR households count.
 */
export const EXITED_STATUSES = ["EXITED", "MONITORED"] as const satisfies readonly HouseholdStatus[];

/** The five guarantees, named as the Household columns so a household row can be passed as is. */
export interface FiveGuarantees {
  foodClothingSecure: boolean;
  educationSecure: boolean;
  medicalSecure: boolean;
  housingSecure: boolean;
  waterSecure: boolean;
}

export function allGuaranteesMet(g: FiveGuarantees): boolean {
  return g.foodClothingSecure && g.educationSecure && g.medicalSecure && g.housingSecure && g.waterSecure;
}

/**
 * Exit-eligible for a year: per-capita income (the year's ledger sum / household size) strictly above that year's
 * line, and all five guarantees. Compared as incomeFen > lineFen × size so integer fen never meet float rounding.
 */
export function isExitEligible(input: { incomeFen: number; size: number; lineFen: number; guarantees: FiveGuarantees }): boolean {
  const { incomeFen, size, lineFen, guarantees } = input;
  return size > 0 && incomeFen > lineFen * size && allGuaranteesMet(guarantees);
}

/**
 * Per-capita income in whole fen, as every page, report and API shows it: floored, so a figure shown is never
 * above what the household has (the eligibility rule itself compares exactly, see isExitEligible).
 */
export function perCapitaFen(incomeFen: number, size: number): number {
  return size > 0 ? Math.floor(incomeFen / size) : 0;
}

/** Poverty incidence in percent: people in households not exited / rural registered population × 100; null without population. */
export function incidencePct(notExitedPeople: number, population: number): number | null {
  return population > 0 ? (notExitedPeople / population) * 100 : null;
}

/**
 * Village or county exit-ready (DESIGN §5): incidence strictly below the region's threshold (Guangxi, western: 3%).
 * Without a population (incidence null) there is no verdict.
 */
export function isExitReady(incidence: number | null, thresholdPct: number | null): boolean | null {
  return incidence === null || thresholdPct === null ? null : incidence < thresholdPct;
}

/** Average in whole fen (half away from zero), null when there is nothing to average over. */
export function averageFen(totalFen: number, count: number): number | null {
  return count > 0 ? Math.round(totalFen / count) : null;
}

/**
 * Station coverage (DESIGN §5): a poor village counts as covered when at least one station in this status covers it.
 * lib/stations/coverage.ts (lists) and lib/progress/queries.ts (dashboard counts, in SQL) both take it from here.
 */
export const COVERING_STATION_STATUS = "ACTIVE" as const satisfies StationStatus;

export function coversVillages(status: StationStatus): boolean {
  return status === COVERING_STATION_STATUS;
}

/** Coverage in percent: covered poor villages / all poor villages × 100; null without poor villages. */
export function coveragePct(covered: number, poorVillages: number): number | null {
  return poorVillages > 0 ? (covered / poorVillages) * 100 : null;
}
