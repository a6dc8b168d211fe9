// Annual, monthly and any-period (whole months, e.g. July–June) reports, for the county or one station: the same lib/progress figures as the dashboard (so a
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
import { MAX_PERIOD_MONTHS, monthBound, periodOf, type Period } from "../progress/period";
import { salesByChannelSql, scorecardSql } from "./queries";

/** annual: a calendar year; monthly: one month; period: any run of whole months (e.g. July 2019 – June 2020). */
export const REPORT_KINDS = ["annual", "monthly", "period"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

/** The kind a query asks for: as given, else a period when it names a from or a to month, else annual. */
export function reportKindOf(q: { kind?: ReportKind; from?: number; to?: number }): ReportKind {
  return q.kind ?? (q.from !== undefined || q.to !== undefined ? "period" : "annual");
}

export const reportQuerySchema = z
  .object({
    /** Default: period when from or to is given, else annual. Empty means "not set", like every filter. */
    kind: z.preprocess(blank, z.enum(REPORT_KINDS).optional()),
    /** Monthly report: YYYY-MM. */
    month: z.preprocess(blank, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "validation.date" }).optional()),
    /** Annual report: the year. */
    year: z.preprocess((v) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : blank(v)), z.number().int().min(2000).max(2100).optional()),
    /** Period report: its first month (YYYY-MM, or the month's first day) and its last (YYYY-MM, or the month's last day). */
    from: monthBound("start"),
    to: monthBound("end"),
    /** A station's report (its code); without it the county's. An OPERATOR may read the county's and their own. */
    station: z.preprocess(blank, z.string().max(20).regex(/^[A-Za-z0-9-]+$/).optional()),
  })
  .superRefine((q, ctx) => {
    if (reportKindOf(q) !== "period") return;
    if (q.from === undefined) ctx.addIssue({ code: "custom", path: ["from"], message: "reports.validation.fromRequired" });
    if (q.to === undefined) ctx.addIssue({ code: "custom", path: ["to"], message: "reports.validation.toRequired" });
    if (q.from !== undefined && q.to !== undefined) {
      if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "progress.validation.order" });
      else if (q.to - q.from + 1 > MAX_PERIOD_MONTHS) ctx.addIssue({ code: "custom", path: ["to"], message: "progress.validation.tooLong", params: { max: MAX_PERIOD_MONTHS } });
    }
  });

export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** One station's line of the scorecard for the report's period. */
export type ScorecardRow = {
  code: string; name: string; status: string; level: string;
  sales: number; salesFen: number; trainings: number; attendees: number; householdsTrained: number;
  householdsLinked: number; payoutFen: number; wageFen: number; incomeFen: number;
  /** Households it serves that a monitoring case covers in the period, and what its sales paid them in the period. */
  monitoredHouseholds: number; monitoredPaidFen: number;
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

/** Builds an annual, monthly or period report for the county or a station. */
export async function buildReport(viewer: Viewer, query: unknown) {
  assertProgressReader(viewer);
  const q = parseInput(reportQuerySchema, query);
  const latest = await latestDataMonth();
  const kind = reportKindOf(q);
  let period: Period;
  if (kind === "period") {
    period = periodOf(q.from!, q.to!);
  } else if (kind === "monthly") {
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
    kind,
    label: kind === "monthly" ? monthLabel(ctx.period.fromMonth) : kind === "period" ? `${monthLabel(ctx.period.fromMonth)}—${monthLabel(ctx.period.toMonth)}` : String(year),
    period: { from: ctx.period.from, to: ctx.period.to, fromMonth: monthLabel(ctx.period.fromMonth), toMonth: monthLabel(ctx.period.toMonth), months: ctx.period.months },
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
    totals: reportTotals(monthly, productRows, channels, scorecard, townships),
  };
}

const sum = <T,>(rows: readonly T[], pick: (r: T) => number) => rows.reduce((acc, r) => acc + pick(r), 0);

/**
 * The total rows of the report's tables (the page's table footers and the files' total rows): sums of the rows
 * shown, so a period's total is exactly the sum of its months. Product quantities are not summed (mixed units); the
 * townships' incidence is recomputed from the summed people, not averaged.
 */
export function reportTotals(
  monthly: { saleFen: number; jobFen: number; totalFen: number; station: { saleFen: number; jobFen: number; totalFen: number } | null }[],
  products: { sales: number; amountFen: number }[],
  channels: { sales: number; amountFen: number }[],
  scorecard: ScorecardRow[],
  townships: { population: number; households: number; people: number; poorPeople: number; exitedPeople: number; ecommerceIncomeFen: number }[],
) {
  const withStation = monthly.filter((m) => m.station !== null);
  const population = sum(townships, (r) => r.population);
  const poorPeople = sum(townships, (r) => r.poorPeople);
  return {
    monthly: {
      saleFen: sum(monthly, (m) => m.saleFen), jobFen: sum(monthly, (m) => m.jobFen), totalFen: sum(monthly, (m) => m.totalFen),
      station: withStation.length === 0 ? null : {
        saleFen: sum(withStation, (m) => m.station!.saleFen), jobFen: sum(withStation, (m) => m.station!.jobFen), totalFen: sum(withStation, (m) => m.station!.totalFen),
      },
    },
    products: { sales: sum(products, (p) => p.sales), amountFen: sum(products, (p) => p.amountFen) },
    channels: { sales: sum(channels, (c) => c.sales), amountFen: sum(channels, (c) => c.amountFen) },
    scorecard: {
      stations: scorecard.length,
      sales: sum(scorecard, (s) => s.sales), salesFen: sum(scorecard, (s) => s.salesFen), trainings: sum(scorecard, (s) => s.trainings),
      attendees: sum(scorecard, (s) => s.attendees), householdsTrained: sum(scorecard, (s) => s.householdsTrained),
      householdsLinked: sum(scorecard, (s) => s.householdsLinked), payoutFen: sum(scorecard, (s) => s.payoutFen), wageFen: sum(scorecard, (s) => s.wageFen),
      incomeFen: sum(scorecard, (s) => s.incomeFen),
      monitoredHouseholds: sum(scorecard, (s) => s.monitoredHouseholds), monitoredPaidFen: sum(scorecard, (s) => s.monitoredPaidFen),
    },
    townships: {
      population, households: sum(townships, (r) => r.households), people: sum(townships, (r) => r.people), poorPeople,
      exitedPeople: sum(townships, (r) => r.exitedPeople), incidencePct: population > 0 ? (poorPeople / population) * 100 : null,
      ecommerceIncomeFen: sum(townships, (r) => r.ecommerceIncomeFen),
    },
  };
}

export type Report = Awaited<ReturnType<typeof buildReport>>;
