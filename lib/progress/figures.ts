// One function per dashboard figure: the dashboard page, the /api/v1 routes and the reports all call these, so a
// figure cannot differ between them. Every signed-in role may read county figures (dashboards are for everyone);
// station figures are for ADMIN, STAFF and VIEWER on any station, and for an OPERATOR on their own station only.
import { db } from "../db";
import { authorize } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { monthLabel } from "./months";
import type { Period } from "./period";
import {
  beneficiariesSql,
  coverageSql,
  exitsPerYearSql,
  incidenceSql,
  incidenceTrendSql,
  monthlyEcomSql,
  salesByProductSql,
  standingSql,
  stationsSql,
} from "./queries";
import { averageFen, coveragePct, incidencePct, isExitReady } from "./rules";

/** Checks the viewer may read county figures and, when a station is given, that station's figures. */
export function assertProgressReader(viewer: Viewer, stationId: number | null = null): void {
  authorize(viewer, "progress.read", stationId === null ? undefined : { stationId });
}

/** Stations in the network: all of them and the ACTIVE ones. */
export async function stationCounts(viewer: Viewer) {
  assertProgressReader(viewer);
  const [row] = await db.$queryRaw<{ total: number; active: number }[]>(stationsSql());
  return row;
}

/** Poor villages covered by at least one ACTIVE station (the rule: lib/progress/rules.ts, shared with lib/stations). */
export async function villageCoverage(viewer: Viewer) {
  assertProgressReader(viewer);
  const [r] = await db.$queryRaw<{ poorVillages: number; covered: number }[]>(coverageSql());
  return { poorVillages: r.poorVillages, covered: r.covered, percent: coveragePct(r.covered, r.poorVillages) };
}

export type Beneficiaries = { households: number; residents: number; incomeFen: number; averageGainFen: number | null };

const beneficiaryFigures = (households: number, residents: number, incomeFen: number): Beneficiaries => ({
  households, residents, incomeFen, averageGainFen: averageFen(incomeFen, households),
});

/**
 * Beneficiary households and residents in a period (DESIGN §5: net e-commerce income in the period > 0) and the
 * average e-commerce income per beneficiary household; for the county and, optionally, a station's households.
 */
export async function beneficiaries(viewer: Viewer, period: Period, stationId: number | null = null) {
  assertProgressReader(viewer, stationId);
  const [r] = await db.$queryRaw<
    { households: number; residents: number; incomeFen: number; stationHouseholds: number; stationResidents: number; stationIncomeFen: number }[]
  >(beneficiariesSql(period.fromMonth, period.toMonth, stationId));
  return {
    county: beneficiaryFigures(r.households, r.residents, r.incomeFen),
    station: stationId === null ? null : beneficiaryFigures(r.stationHouseholds, r.stationResidents, r.stationIncomeFen),
  };
}

export type Standing = Record<"poor" | "exited" | "monitored", { households: number; people: number }>;

/**
 * Registered households at the end of a year: still poor, exited, and monitored (exited, now watched for relapse).
 * County and optionally one station's households.
 */
export async function householdStanding(viewer: Viewer, year: number, stationId: number | null = null) {
  assertProgressReader(viewer, stationId);
  const rows = await db.$queryRaw<{ mine: boolean | null; standing: "POOR" | "EXITED" | "MONITORED"; households: number; people: number }[]>(
    standingSql(year, stationId),
  );
  const empty = (): Standing => ({ poor: { households: 0, people: 0 }, exited: { households: 0, people: 0 }, monitored: { households: 0, people: 0 } });
  const county = empty();
  const station = empty();
  for (const r of rows) {
    const key = r.standing === "POOR" ? "poor" : r.standing === "EXITED" ? "exited" : "monitored";
    const into = r.mine ? station : county; // the statement returns the county's rows, then the station's
    into[key].households += r.households;
    into[key].people += r.people;
  }
  return { county, station: stationId === null ? null : station };
}

/**
 * County poverty incidence at the end of a year (people in registered households not exited by then / rural
 * registered population × 100) against the exit threshold of the county's region, with the exit-ready verdict.
 */
export async function countyIncidence(viewer: Viewer, year: number) {
  assertProgressReader(viewer);
  const [r] = await db.$queryRaw<{ population: number; notExitedPeople: number; thresholdPct: number | null }[]>(incidenceSql(year));
  const percent = incidencePct(r.notExitedPeople, r.population);
  return { year, population: r.population, notExitedPeople: r.notExitedPeople, percent, thresholdPct: r.thresholdPct, exitReady: isExitReady(percent, r.thresholdPct) };
}

/**
 * County incidence at the end of every year from the first registration year in the registry up to `toYear`, each
 * with its exit-ready verdict: the same figure as countyIncidence, one entry per year (the dashboard's trend chart).
 */
export async function incidenceTrend(viewer: Viewer, toYear: number) {
  assertProgressReader(viewer);
  const [first] = await db.$queryRaw<{ year: number | null }[]>`SELECT min("registeredYear") AS year FROM "ProgressCountyGroup"`;
  if (first.year === null || first.year > toYear) return [];
  const rows = await db.$queryRaw<{ year: number; population: number; notExitedPeople: number; thresholdPct: number | null }[]>(
    incidenceTrendSql(first.year, toYear),
  );
  return rows.map((r) => {
    const percent = incidencePct(r.notExitedPeople, r.population);
    return { year: r.year, population: r.population, notExitedPeople: r.notExitedPeople, percent, thresholdPct: r.thresholdPct, exitReady: isExitReady(percent, r.thresholdPct) };
  });
}

/**
 * E-commerce income per month of the period (sale payouts and station wages), every month listed (zero when none);
 * the station's column is income that went through the station (its sales' payouts, wages recorded there).
 */
export async function monthlyEcommerceIncome(viewer: Viewer, period: Period, stationId: number | null = null) {
  assertProgressReader(viewer, stationId);
  const rows = await db.$queryRaw<{ month: number; saleFen: number; jobFen: number; stationSaleFen: number; stationJobFen: number }[]>(
    monthlyEcomSql(period.fromMonth, period.toMonth, stationId),
  );
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: period.months }, (_, i) => {
    const month = period.fromMonth + i;
    const r = byMonth.get(month);
    const saleFen = r?.saleFen ?? 0;
    const jobFen = r?.jobFen ?? 0;
    return {
      month: monthLabel(month),
      saleFen, jobFen, totalFen: saleFen + jobFen,
      station: stationId === null ? null : { saleFen: r?.stationSaleFen ?? 0, jobFen: r?.stationJobFen ?? 0, totalFen: (r?.stationSaleFen ?? 0) + (r?.stationJobFen ?? 0) },
    };
  });
}

/** Sales in the period by product (reversed sales left out), biggest first; with the station's own sales. */
export async function salesByProduct(viewer: Viewer, period: Period, stationId: number | null = null) {
  assertProgressReader(viewer, stationId);
  const rows = await db.$queryRaw<
    { id: number; code: string; name: string; nameEn: string | null; unit: string; sales: number; amountFen: number; quantity: number;
      stationSales: number; stationAmountFen: number; stationQuantity: number }[]
  >(salesByProductSql(period.fromMonth, period.toMonth, stationId));
  return rows.map((r) => ({
    product: { id: r.id, code: r.code, name: r.name, nameEn: r.nameEn, unit: r.unit },
    sales: r.sales, amountFen: r.amountFen, quantity: r.quantity,
    station: stationId === null ? null : { sales: r.stationSales, amountFen: r.stationAmountFen, quantity: r.stationQuantity },
  }));
}

/** Households and people exited per exit year (EXITED and MONITORED), county and station. */
export async function exitsPerYear(viewer: Viewer, stationId: number | null = null) {
  assertProgressReader(viewer, stationId);
  const rows = await db.$queryRaw<{ year: number; households: number; people: number; stationHouseholds: number; stationPeople: number }[]>(
    exitsPerYearSql(stationId),
  );
  return rows.map((r) => ({
    year: r.year, households: r.households, people: r.people,
    station: stationId === null ? null : { households: r.stationHouseholds, people: r.stationPeople },
  }));
}
