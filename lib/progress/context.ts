// Resolves a progress query (period, year, station code) against the data: defaults, and the viewer's station.
import { db } from "../db";
import { forbidden, notFound, parseInput } from "../errors";
import { readScope } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { currentMonth, progressQuerySchema, resolvePeriod, type Period } from "./period";
import { latestMonthSql } from "./queries";
import { monthIndex } from "./months";
import { assertProgressReader } from "./figures";

/** The latest month with e-commerce income or sales, never after the current month; the current month without data. */
export async function latestDataMonth(): Promise<number> {
  const [row] = await db.$queryRaw<{ month: number | null }[]>(latestMonthSql());
  const now = currentMonth();
  return row.month === null ? now : Math.min(row.month, now);
}

export async function latestDataYear(): Promise<number> {
  return Math.floor((await latestDataMonth()) / 12);
}

/**
 * Where the exit dashboard opens: the latest month with data, but not after the December of the last year with a
 * poverty line (the exit years). A ledger that runs on into the consolidation years (relapse monitoring, from 2021)
 * keeps the exit dashboard on its last exit year, as when the data stopped there; without any line, the latest
 * month with data. Any later period and year can still be chosen.
 */
export async function defaultProgressMonth(): Promise<number> {
  const [month, [line]] = await Promise.all([latestDataMonth(), db.$queryRaw<{ year: number | null }[]>`SELECT max(year) AS year FROM "PovertyLine"`]);
  return line.year === null ? month : Math.min(month, monthIndex(line.year, 12));
}

export async function defaultProgressYear(): Promise<number> {
  return Math.floor((await defaultProgressMonth()) / 12);
}

export type StationRef = { id: number; code: string; name: string };

export type ProgressContext = { period: Period; year: number; station: StationRef | null };

/**
 * Validates a progress query and fills its defaults. The station: the one asked for (by code), or an OPERATOR's own
 * station; an OPERATOR asking for another station is refused.
 */
export async function progressContext(viewer: Viewer, query: unknown, opts: { ownStationByDefault?: boolean } = {}): Promise<ProgressContext> {
  const q = parseInput(progressQuerySchema, query);
  const scope = readScope(viewer, "progress.read");
  // An OPERATOR's figures come with their station's unless a county-only view is asked for (the county report).
  const own = opts.ownStationByDefault === false && q.station === undefined ? null : scope;
  const needsAnchor = q.from === undefined && q.to === undefined;
  const [anchor, station] = await Promise.all([
    needsAnchor ? defaultProgressMonth() : Promise.resolve(0),
    q.station !== undefined
      ? db.station.findUnique({ where: { code: q.station }, select: { id: true, code: true, name: true } })
      : own !== null
        ? db.station.findUnique({ where: { id: own }, select: { id: true, code: true, name: true } })
        : Promise.resolve(null),
  ]);
  if (q.station !== undefined && !station) throw notFound();
  if (scope !== null && station !== null && station.id !== scope) throw forbidden();
  const { period, year } = resolvePeriod(q, anchor);
  return { period, year, station };
}

/** Years the year pickers offer: from the first registration year in the registry to this year. */
export async function availableYears(viewer: Viewer): Promise<number[]> {
  assertProgressReader(viewer);
  const [row] = await db.$queryRaw<{ first: number | null }[]>`SELECT min("registeredYear") AS first FROM "ProgressCountyGroup"`;
  const last = Math.floor(currentMonth() / 12);
  const first = Math.min(row.first ?? last, last);
  return Array.from({ length: last - first + 1 }, (_, i) => last - i);
}
