// The dashboard's figures aggregated live from the raw ledger, sales and households, with no summary table: what the
// dashboard would cost without lib/progress/summaries.ts. Only the benchmark uses these; figures that read small
// tables anyway (stations, coverage, the county and its threshold) use the same SQL as the app.
import { Prisma } from "../lib/generated/prisma/client";
import { ECOM_SOURCES_SQL } from "../lib/progress/summaries";
import { firstDayOf, lastDayOf, sqlMonthOf } from "../lib/progress/months";

const ECOM = Prisma.raw(ECOM_SOURCES_SQL);
const day = (d: Date) => d.toISOString().slice(0, 10);

export function beneficiariesLiveSql(fromMonth: number, toMonth: number): Prisma.Sql {
  return Prisma.sql`
    SELECT count(*)::int AS households, coalesce(sum(h.size), 0)::int AS residents, coalesce(sum(n.net), 0)::float8 AS "incomeFen"
    FROM (SELECT "householdId", sum("amountFen") AS net FROM "IncomeEntry"
          WHERE source IN (${ECOM}) AND date BETWEEN ${day(firstDayOf(fromMonth))}::date AND ${day(lastDayOf(toMonth))}::date
          GROUP BY "householdId") n
    JOIN "Household" h ON h.id = n."householdId"
    WHERE n.net > 0`;
}

export function monthlyEcomLiveSql(fromMonth: number, toMonth: number): Prisma.Sql {
  return Prisma.sql`
    SELECT ${sqlMonthOf("date")} AS month,
           coalesce(sum("amountFen") FILTER (WHERE source = 'ECOMMERCE_SALE'), 0)::float8 AS "saleFen",
           coalesce(sum("amountFen") FILTER (WHERE source = 'STATION_JOB'), 0)::float8 AS "jobFen"
    FROM "IncomeEntry"
    WHERE source IN (${ECOM}) AND date BETWEEN ${day(firstDayOf(fromMonth))}::date AND ${day(lastDayOf(toMonth))}::date
    GROUP BY 1 ORDER BY 1`;
}

export function salesByProductLiveSql(fromMonth: number, toMonth: number): Prisma.Sql {
  return Prisma.sql`
    SELECT p.id, p.code, p.name, p."nameEn", p.unit, s.sales, s."amountFen", s.quantity
    FROM (SELECT "productId", count(*)::int AS sales, sum("amountFen")::float8 AS "amountFen", sum(quantity)::float8 AS quantity
          FROM "Sale" WHERE "reversedAt" IS NULL AND date BETWEEN ${day(firstDayOf(fromMonth))}::date AND ${day(lastDayOf(toMonth))}::date
          GROUP BY "productId") s
    JOIN "Product" p ON p.id = s."productId"
    ORDER BY s."amountFen" DESC, p.code`;
}

/** Township rows of the drill-down with the year's e-commerce income summed from the ledger. */
export function townshipLiveSql(year: number): Prisma.Sql {
  return Prisma.sql`
    WITH hh AS (
      SELECT "villageId", count(*)::int AS households, sum(size)::int AS people,
             coalesce(sum(size) FILTER (WHERE "exitYear" IS NULL OR "exitYear" > ${year}), 0)::int AS poor,
             coalesce(sum(size) FILTER (WHERE "exitYear" <= ${year}), 0)::int AS exited
      FROM "Household" WHERE "registeredYear" <= ${year} GROUP BY "villageId"),
    inc AS (
      SELECT h."villageId", sum(e."amountFen")::float8 AS ecom
      FROM "IncomeEntry" e JOIN "Household" h ON h.id = e."householdId"
      WHERE e.source IN (${ECOM}) AND e.date BETWEEN make_date(${year}, 1, 1) AND make_date(${year}, 12, 31)
      GROUP BY h."villageId")
    SELECT t.id, t.code, t.name, t."nameEn", count(v.id)::int AS villages, count(v.id) FILTER (WHERE v."isPoor")::int AS "poorVillages",
           sum(v."registeredPopulation")::int AS population, coalesce(sum(hh.households), 0)::int AS households,
           coalesce(sum(hh.people), 0)::int AS people, coalesce(sum(hh.poor), 0)::int AS "poorPeople",
           coalesce(sum(hh.exited), 0)::int AS "exitedPeople", coalesce(sum(inc.ecom), 0)::float8 AS "ecomFen"
    FROM "Village" v JOIN "Township" t ON t.id = v."townshipId"
    LEFT JOIN hh ON hh."villageId" = v.id LEFT JOIN inc ON inc."villageId" = v.id
    GROUP BY t.id, t.code, t.name, t."nameEn" ORDER BY t.code`;
}

/** Household standing at the end of year Y, from the registry. */
export function standingLiveSql(year: number): Prisma.Sql {
  return Prisma.sql`
    SELECT CASE WHEN "exitYear" IS NULL OR "exitYear" > ${year} THEN 'POOR' WHEN status = 'MONITORED' THEN 'MONITORED' ELSE 'EXITED' END AS standing,
           count(*)::int AS households, sum(size)::int AS people
    FROM "Household" WHERE "registeredYear" <= ${year} GROUP BY 1`;
}

export function incidenceLiveSql(year: number): Prisma.Sql {
  return Prisma.sql`
    SELECT (SELECT coalesce(sum("registeredPopulation"), 0) FROM "Village")::int AS population,
           (SELECT coalesce(sum(size), 0) FROM "Household"
            WHERE "registeredYear" <= ${year} AND ("exitYear" IS NULL OR "exitYear" > ${year}))::int AS "notExitedPeople"`;
}

export function exitsLiveSql(): Prisma.Sql {
  return Prisma.sql`
    SELECT "exitYear" AS year, count(*)::int AS households, sum(size)::int AS people
    FROM "Household" WHERE "exitYear" IS NOT NULL GROUP BY "exitYear" ORDER BY "exitYear"`;
}
