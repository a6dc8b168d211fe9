// County poverty-exit progress: the figures (one function each, ./figures), the drill-down (./drilldown) and the
// two bundles the pages and the API load: overview (headline figures) and dashboard (headline figures + charts).
import type { Viewer } from "../auth/viewer";
import { defaultProgressYear, progressContext, type ProgressContext } from "./context";
import {
  beneficiaries,
  countyIncidence,
  exitsPerYear,
  householdStanding,
  incidenceTrend,
  monthlyEcommerceIncome,
  salesByProduct,
  stationCounts,
  villageCoverage,
} from "./figures";
import { townshipProgress } from "./drilldown";

export { availableYears, progressContext, defaultProgressMonth, defaultProgressYear, latestDataMonth, latestDataYear, type ProgressContext, type StationRef } from "./context";
export * from "./figures";
export { progressRows, townshipProgress, LEVELS, type AreaRow, type HouseholdProgressRow, type ProgressRows } from "./drilldown";

/**
 * The headline figures for a period and year (GET /api/v1/overview, the dashboard's figure cards, the reports):
 * stations, coverage, beneficiaries and average gain, household standing, county incidence. With a station (an
 * OPERATOR's own, or one asked for), the station's beneficiaries and standing beside the county's.
 */
export async function overview(viewer: Viewer, query: unknown) {
  return overviewFor(viewer, await progressContext(viewer, query));
}

/** The overview for an already resolved context (the dashboard and the reports resolve it once). */
export async function overviewFor(viewer: Viewer, ctx: ProgressContext) {
  const stationId = ctx.station?.id ?? null;
  const [stations, coverage, ben, standing, incidence] = await Promise.all([
    stationCounts(viewer),
    villageCoverage(viewer),
    beneficiaries(viewer, ctx.period, stationId),
    householdStanding(viewer, ctx.year, stationId),
    countyIncidence(viewer, ctx.year),
  ]);
  return {
    period: { from: ctx.period.from, to: ctx.period.to, months: ctx.period.months },
    year: ctx.year,
    stations,
    coverage,
    beneficiaries: ben.county,
    households: standing.county,
    incidence,
    station: ctx.station
      ? { code: ctx.station.code, name: ctx.station.name, beneficiaries: ben.station!, households: standing.station! }
      : null,
  };
}

export type Overview = Awaited<ReturnType<typeof overview>>;

/** Everything the dashboard page shows: the overview plus its charts, for one period, year and station. */
export async function dashboard(viewer: Viewer, query: unknown) {
  const ctx = await progressContext(viewer, query);
  const stationId = ctx.station?.id ?? null;
  const [head, monthly, products, exits, townships, trend] = await Promise.all([
    overviewFor(viewer, ctx),
    monthlyEcommerceIncome(viewer, ctx.period, stationId),
    salesByProduct(viewer, ctx.period, stationId),
    exitsPerYear(viewer, stationId),
    townshipProgress(viewer, ctx.year),
    // The trend runs to the year shown, or on to the default year (the latest with data and a line) when an earlier
    // year is chosen.
    defaultProgressYear().then((latest) => incidenceTrend(viewer, Math.max(ctx.year, latest))),
  ]);
  return { ...head, monthly, products, exits, townships: townships.rows, incidenceTrend: trend };
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;
