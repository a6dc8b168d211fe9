// Monthly and annual reports, for the county or one station: the same lib/progress figures as the dashboard (so a
// report never disagrees with it), plus sales by channel and the station scorecard. The printable page, the XLSX
// and the CSV are all rendered from one report object (./files.ts for the files).
import { z } from "zod";
import { db } from "../db";
import { countyIsoTimestamp } from "../format";
import { parseInput } from "../errors";
import type { Viewer } from "../auth/viewer";
import {
  assertProgressReader,
  exitsPerYear,
  latestDataMonth,
  monthlyEcommerceIncome,
  overviewFor,
  progressContext,
  salesByProduct,
  townshipProgress,
} from "../progress";
import { monthIndex, monthLabel } from "../progress/months";
import { periodOf, type Period } from "../progress/period";
import { salesByChannelSql, scorecardSql } from "./queries";

export const REPORT_KINDS = ["monthly", "annual"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

export const reportQuerySchema = z.object({
  kind: z.preprocess(blank, z.enum(REPORT_KINDS).default("annual")),
  /** Monthly report: YYYY-MM. */
  month: z.preprocess(blank, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "validation.date" }).optional()),
  /** Annual report: the year. */
  year: z.preprocess((v) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : blank(v)), z.number().int().min(2000).max(2100).optional()),
  /** A station's report (its code); without it the county's. An OPERATOR may read the county's and their own. */
  station: z.preprocess(blank, z.string().max(20).regex(/^[A-Za-z0-9-]+$/).optional()),
});

export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** One station's line of the scorecard for the report's period. */
export type ScorecardRow = {
  code: string; name: string; status: string; level: string;
  sales: number; salesFen: number; trainings: number; attendees: number; householdsTrained: number;
  householdsLinked: number; payoutFen: number; wageFen: number; incomeFen: number;
};

/**
 * The station scorecard for a period: sales (count and amount, reversed sales left out), training sessions and
 * attendees, registered households linked to the station, and the income they received through it (payouts of its
 * sales and wages for working at it). Every role reads it (station aggregates, as the station list shows).
 */
export async function stationScorecard(viewer: Viewer, period: Period, stationId: number | null = null): Promise<ScorecardRow[]> {
  assertProgressReader(viewer);
  const rows = await db.$queryRaw<Omit<ScorecardRow, "incomeFen">[]>(scorecardSql(period, stationId));
  return rows.map((r) => ({ ...r, incomeFen: r.payoutFen + r.wageFen }));
}

/** Sales in the period by platform (reversed sales left out), for the county or a station. */
export async function salesByChannel(viewer: Viewer, period: Period, stationId: number | null = null) {
  assertProgressReader(viewer, stationId);
  return db.$queryRaw<{ channel: string; sales: number; amountFen: number }[]>(salesByChannelSql(period, stationId));
}

/** Builds a monthly or annual report for the county or a station. */
export async function buildReport(viewer: Viewer, query: unknown) {
  assertProgressReader(viewer);
  const q = parseInput(reportQuerySchema, query);
  const latest = await latestDataMonth();
  let period: Period;
  if (q.kind === "monthly") {
    const m = q.month ? monthIndex(Number(q.month.slice(0, 4)), Number(q.month.slice(5, 7))) : latest;
    period = periodOf(m, m);
  } else {
    const y = q.year ?? Math.floor(latest / 12);
    period = periodOf(monthIndex(y, 1), monthIndex(y, 12));
  }
  const ctx = await progressContext(viewer, { from: period.from, to: period.to, station: q.station }, { ownStationByDefault: false });
  const stationId = ctx.station?.id ?? null;
  const year = ctx.year;
  const [overview, monthly, products, channels, exits, scorecard, townships] = await Promise.all([
    overviewFor(viewer, ctx),
    monthlyEcommerceIncome(viewer, ctx.period, stationId),
    salesByProduct(viewer, ctx.period, stationId),
    salesByChannel(viewer, ctx.period, stationId),
    exitsPerYear(viewer, stationId),
    stationScorecard(viewer, ctx.period, stationId),
    stationId === null ? townshipProgress(viewer, year).then((t) => t.rows) : Promise.resolve([]),
  ]);
  // The report's own scope: a station's report lists its products with its own sales, biggest first.
  const productRows =
    stationId === null
      ? products.map(({ product, sales, quantity, amountFen }) => ({ product, sales, quantity, amountFen }))
      : products
          .filter((p) => p.station!.sales !== 0 || p.station!.amountFen !== 0)
          .map((p) => ({ product: p.product, ...p.station! }))
          .sort((x, y) => y.amountFen - x.amountFen);
  const exitsThisYear = exits.find((e) => e.year === year) ?? { year, households: 0, people: 0, station: stationId === null ? null : { households: 0, people: 0 } };
  return {
    kind: q.kind,
    label: q.kind === "monthly" ? monthLabel(ctx.period.fromMonth) : String(year),
    period: { from: ctx.period.from, to: ctx.period.to },
    year,
    station: ctx.station ? { code: ctx.station.code, name: ctx.station.name } : null,
    // ISO 8601 with the county's offset (2026-12-04T01:30:00+08:00): the same instant, and its date part is the county's day.
    generatedAt: countyIsoTimestamp(),
    overview,
    monthly,
    products: productRows,
    channels,
    exits: exitsThisYear,
    scorecard,
    townships,
  };
}

export type Report = Awaited<ReturnType<typeof buildReport>>;
