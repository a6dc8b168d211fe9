// A station's day, for its operator's home page: today's ledger entries and sales of the station ("today" is the
// county's calendar day), and the station's households to follow up. Every read is confined to that one station by
// the policy table (an OPERATOR asking about another station is refused with 403, as everywhere).
import { db } from "../db";
import { authorize } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { countyToday, isoDate } from "../format";
import { listIncomeEntries } from "../income";
import { listSales } from "../sales";
import { assertId, parseIsoDate } from "../validation/primitives";

/** How many rows of each list the home page shows; the totals count all of them, and each list links to the full one. */
export const DAY_LIST_LIMIT = 10;

/**
 * Households to follow up: the station's households still POOR or MONITORED (not exited, or exited and watched for
 * falling back) with no standing ledger entry dated in the last FOLLOW_UP_DAYS days (a reversed entry and its
 * reversal do not count: a corrected mistake is not income). A household whose ledger has gone quiet for a season is the one an operator
 * should visit or phone: its income may have stopped, or nobody has recorded it. Never recorded first, then the
 * longest silent; the per-capita verdict against the line stays on the household's page, where the year is chosen.
 */
export const FOLLOW_UP_DAYS = 90;
const FOLLOW_UP_STATUSES = ["POOR", "MONITORED"] as const;
/** Entries that stand: neither a reversal nor reversed (a corrected mistake is no sign of income). */
const STANDING = { reversesId: null, reversedBy: { is: null } } as const;

function daysBefore(isoDay: string, days: number): Date {
  const d = parseIsoDate(isoDay)!;
  d.setUTCDate(d.getUTCDate() - days);
  return d;
}

/** The station's day for the home page (see above). `now` is for tests. */
export async function stationDay(viewer: Viewer, stationId: number, now: Date = new Date()) {
  assertId(stationId, "stationId");
  authorize(viewer, "stations.read", { stationId });
  authorize(viewer, "households.read", { stationId });
  const today = countyToday(now);
  const since = daysBefore(today, FOLLOW_UP_DAYS - 1); // the last 90 days, today included
  const quiet = {
    stationId, status: { in: [...FOLLOW_UP_STATUSES] },
    incomeEntries: { none: { date: { gte: since }, ...STANDING } },
  };
  const [station, income, sales, salesSum, followUpTotal, candidates] = await Promise.all([
    db.station.findUniqueOrThrow({ where: { id: stationId }, select: { id: true, code: true, name: true } }),
    listIncomeEntries(viewer, { stationId, from: today, to: today, pageSize: 20 }),
    listSales(viewer, { stationId, from: today, to: today }),
    db.sale.aggregate({ where: { stationId, date: parseIsoDate(today)!, reversedAt: null }, _count: { _all: true }, _sum: { amountFen: true } }),
    db.household.count({ where: quiet }),
    db.household.findMany({
      where: quiet,
      select: {
        id: true, code: true, headName: true, size: true, status: true,
        village: { select: { name: true, township: { select: { name: true, nameEn: true } } } },
      },
    }),
  ]);
  const last = candidates.length
    ? await db.incomeEntry.groupBy({ by: ["householdId"], where: { householdId: { in: candidates.map((h) => h.id) }, ...STANDING }, _max: { date: true } })
    : [];
  const lastOn = new Map(last.map((g) => [g.householdId, g._max.date ? isoDate(g._max.date) : null]));
  const followUp = candidates
    .map((h) => ({
      id: h.id, code: h.code, headName: h.headName, size: h.size, status: h.status,
      village: { name: h.village.name }, township: h.village.township, lastEntryOn: lastOn.get(h.id) ?? null,
    }))
    .sort((a, b) => (a.lastEntryOn ?? "").localeCompare(b.lastEntryOn ?? "") || a.code.localeCompare(b.code))
    .slice(0, DAY_LIST_LIMIT);
  return {
    station, today,
    income: { rows: income.rows.slice(0, DAY_LIST_LIMIT), total: income.total, sumFen: income.sumFen },
    sales: { rows: sales.items.slice(0, DAY_LIST_LIMIT), total: sales.total, activeCount: salesSum._count._all, amountFen: salesSum._sum.amountFen ?? 0 },
    followUp: { rows: followUp, total: followUpTotal, days: FOLLOW_UP_DAYS },
  };
}
export type StationDay = Awaited<ReturnType<typeof stationDay>>;
