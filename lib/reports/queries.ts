// SQL of the report-only figures, reading the progress summaries, the small station and training tables, and the
// monitoring cases (monitored households of each station and what its sales paid them).
import { Prisma } from "../generated/prisma/client";
import type { Period } from "../progress/period";
import { stationMonitoredSql } from "../monitoring/sql";

export function scorecardSql(period: Period, stationId: number | null): Prisma.Sql {
  const { fromMonth, toMonth, from, to } = period;
  const year = Math.floor(toMonth / 12);
  return Prisma.sql`
    SELECT s.code, s.name, s.status::text AS status, s.level::text AS level,
           coalesce(sm.sales, 0)::int AS sales, coalesce(sm."amountFen", 0)::float8 AS "salesFen",
           coalesce(tr.sessions, 0)::int AS trainings, coalesce(tr.attendees, 0)::int AS attendees,
           coalesce(th.households, 0)::int AS "householdsTrained",
           coalesce(hh.households, 0)::int AS "householdsLinked",
           coalesce(em.payout, 0)::float8 AS "payoutFen", coalesce(em.wage, 0)::float8 AS "wageFen",
           coalesce(mo.households, 0)::int AS "monitoredHouseholds", coalesce(mo."paidFen", 0)::float8 AS "monitoredPaidFen"
    FROM "Station" s
    LEFT JOIN (SELECT "stationId", sum(sales) AS sales, sum("amountFen") AS "amountFen" FROM "ProgressSalesMonth"
               WHERE month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY "stationId") sm ON sm."stationId" = s.id
    LEFT JOIN (SELECT "stationId", count(*) AS sessions, sum("attendeeCount") AS attendees FROM "TrainingSession"
               WHERE date BETWEEN ${from}::date AND ${to}::date GROUP BY "stationId") tr ON tr."stationId" = s.id
    LEFT JOIN (SELECT t."stationId", count(DISTINCT a."householdId") AS households
               FROM "TrainingSession" t JOIN "TrainingAttendee" a ON a."trainingId" = t.id
               WHERE t.date BETWEEN ${from}::date AND ${to}::date GROUP BY t."stationId") th ON th."stationId" = s.id
    LEFT JOIN (SELECT "stationId", sum(households) AS households FROM "ProgressHouseholdGroup"
               WHERE "registeredYear" <= ${year} GROUP BY "stationId") hh ON hh."stationId" = s.id
    LEFT JOIN (SELECT "stationId", sum("amountFen") FILTER (WHERE source = 'ECOMMERCE_SALE') AS payout,
                      sum("amountFen") FILTER (WHERE source = 'STATION_JOB') AS wage
               FROM "ProgressEcomMonth" WHERE month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY "stationId") em ON em."stationId" = s.id
    LEFT JOIN (${stationMonitoredSql(from, to, stationId)}) mo ON mo."stationId" = s.id
    ${stationId === null ? Prisma.empty : Prisma.sql`WHERE s.id = ${stationId}`}
    ORDER BY s.code`;
}

export function salesByChannelSql(period: Period, stationId: number | null): Prisma.Sql {
  return Prisma.sql`
    SELECT channel::text AS channel, sum(sales)::int AS sales, sum("amountFen")::float8 AS "amountFen"
    FROM "ProgressSalesMonth"
    WHERE month BETWEEN ${period.fromMonth} AND ${period.toMonth}
      ${stationId === null ? Prisma.empty : Prisma.sql`AND "stationId" = ${stationId}`}
    GROUP BY channel HAVING sum(sales) <> 0 OR sum("amountFen") <> 0
    ORDER BY 3 DESC, 1`;
}
