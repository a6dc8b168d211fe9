// SQL fragments of monitoring shared by the monitoring pages, the station page and the report scorecard: one place
// for what "a case covers a period" means.
import { Prisma } from "../generated/prisma/client";

/** A date for the rule below: YYYY-MM-DD text, or an SQL date expression. */
type DateArg = string | Prisma.Sql;
const asDate = (d: DateArg) => (typeof d === "string" ? Prisma.sql`${d}::date` : d);

/**
 * A case (alias `c`) covers the period from…to: not closed as wrong, opened by its end, not eliminated before its
 * start. The households such cases cover are the period's monitored households.
 */
export function caseCoversSql(from: DateArg, to: DateArg, alias = "c"): Prisma.Sql {
  const c = Prisma.raw(alias);
  return Prisma.sql`${c}.status <> 'CLOSED' AND ${c}."openedOn" <= ${asDate(to)} AND (${c}."eliminatedOn" IS NULL OR ${c}."eliminatedOn" >= ${asDate(from)})`;
}

/**
 * A case covers the monitoring year given as an SQL expression: its 1 January to 31 December. (A year's assessment
 * day is its 31 December, or today in the current year; cases are never dated after today, so up to 31 December
 * and up to today are the same cases.)
 */
export function caseCoversYearSql(year: Prisma.Sql, alias = "c"): Prisma.Sql {
  return caseCoversSql(Prisma.sql`make_date(${year}, 1, 1)`, Prisma.sql`make_date(${year}, 12, 31)`, alias);
}

/** Households (column `householdId`) monitored in the period, with their station today. */
export function monitoredHouseholdsSql(from: string, to: string): Prisma.Sql {
  return Prisma.sql`SELECT DISTINCT c."householdId", h."stationId", h.size FROM "MonitoringCase" c JOIN "Household" h ON h.id = c."householdId"
    WHERE ${caseCoversSql(from, to)}`;
}

/**
 * Per station: the households it serves that were monitored in the period, their people, and what the station's
 * sales paid them in the period (sale-linked ledger entries of its sales, net of reversals).
 */
export function stationMonitoredSql(from: string, to: string, stationId: number | null): Prisma.Sql {
  return Prisma.sql`
    SELECT m."stationId", count(*)::int AS households, coalesce(sum(m.size), 0)::int AS people,
           coalesce(sum(p.paid), 0)::float8 AS "paidFen"
    FROM (${monitoredHouseholdsSql(from, to)}) m
    LEFT JOIN LATERAL (SELECT sum(e."amountFen") AS paid FROM "IncomeEntry" e JOIN "Sale" s ON s.id = e."saleId"
                       WHERE e."householdId" = m."householdId" AND s."stationId" = m."stationId"
                         AND e.date BETWEEN ${from}::date AND ${to}::date) p ON true
    WHERE m."stationId" IS NOT NULL ${stationId === null ? Prisma.empty : Prisma.sql`AND m."stationId" = ${stationId}`}
    GROUP BY m."stationId"`;
}
