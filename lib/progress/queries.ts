// The SQL behind each figure, reading the summaries (lib/progress/summaries.ts) and the small registry tables.
// Exported on their own so the benchmark can time exactly these statements without the lib/ layer around them.
// Every statement answers for the county and, when a station id is given, for that station in the same pass.
import { Prisma } from "../generated/prisma/client";
import { cumAt } from "./summaries";

const S = (stationId: number | null) => stationId ?? -1;

/** Stations: all and ACTIVE. */
export function stationsSql(): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'ACTIVE')::int AS active FROM "Station"`;
}

/**
 * Beneficiary households in months a..b: net e-commerce income in the period > 0 (DESIGN §5), from each household's
 * cumulative array (two reads per household). Residents = their current sizes; income = their net e-commerce income.
 * The station's share: households the station serves.
 */
export function beneficiariesSql(fromMonth: number, toMonth: number, stationId: number | null): Prisma.Sql {
  const net = `${cumAt(`e."firstMonth"`, `e."cumFen"`, String(toMonth))} - ${cumAt(`e."firstMonth"`, `e."cumFen"`, String(fromMonth - 1))}`;
  return Prisma.sql`
    SELECT count(*)::int AS households, coalesce(sum(h.size), 0)::int AS residents, coalesce(sum(n.net), 0)::float8 AS "incomeFen",
           count(*) FILTER (WHERE h."stationId" = ${S(stationId)})::int AS "stationHouseholds",
           coalesce(sum(h.size) FILTER (WHERE h."stationId" = ${S(stationId)}), 0)::int AS "stationResidents",
           coalesce(sum(n.net) FILTER (WHERE h."stationId" = ${S(stationId)}), 0)::float8 AS "stationIncomeFen"
    FROM (SELECT e."householdId", ${Prisma.raw(net)} AS net FROM "ProgressHouseholdEcom" e) n
    JOIN "Household" h ON h.id = n."householdId"
    WHERE n.net > 0`;
}

/**
 * Registered households at the end of year Y by standing: still poor (no exit year up to Y), exited by Y, and of
 * those the ones now MONITORED (exited, watched for relapse); households and people, county and station.
 */
export function standingSql(year: number, stationId: number | null): Prisma.Sql {
  return Prisma.sql`
    SELECT (h."stationId" = ${S(stationId)}) AS mine,
           CASE WHEN h."exitYear" IS NULL OR h."exitYear" > ${year} THEN 'POOR' WHEN h.status = 'MONITORED' THEN 'MONITORED' ELSE 'EXITED' END AS standing,
           count(*)::int AS households, sum(h.size)::int AS people
    FROM "Household" h WHERE h."registeredYear" <= ${year}
    GROUP BY 1, 2`;
}

/** County incidence at the end of year Y, with the exit threshold of the county's region. */
export function incidenceSql(year: number): Prisma.Sql {
  return Prisma.sql`
    SELECT (SELECT coalesce(sum("registeredPopulation"), 0) FROM "Village")::int AS population,
           (SELECT coalesce(sum(size), 0) FROM "Household"
            WHERE "registeredYear" <= ${year} AND ("exitYear" IS NULL OR "exitYear" > ${year}))::int AS "notExitedPeople",
           (SELECT t."incidenceBelowPct" FROM "County" c JOIN "ExitThreshold" t ON t.region = c.region ORDER BY c.id LIMIT 1)::float8 AS "thresholdPct"`;
}

/** E-commerce income per month of the period, by source; county and station (the station the income went through). */
export function monthlyEcomSql(fromMonth: number, toMonth: number, stationId: number | null): Prisma.Sql {
  return Prisma.sql`
    SELECT month,
           coalesce(sum("amountFen") FILTER (WHERE source = 'ECOMMERCE_SALE'), 0)::float8 AS "saleFen",
           coalesce(sum("amountFen") FILTER (WHERE source = 'STATION_JOB'), 0)::float8 AS "jobFen",
           coalesce(sum("amountFen") FILTER (WHERE source = 'ECOMMERCE_SALE' AND "stationId" = ${S(stationId)}), 0)::float8 AS "stationSaleFen",
           coalesce(sum("amountFen") FILTER (WHERE source = 'STATION_JOB' AND "stationId" = ${S(stationId)}), 0)::float8 AS "stationJobFen"
    FROM "ProgressEcomMonth" WHERE month BETWEEN ${fromMonth} AND ${toMonth}
    GROUP BY month ORDER BY month`;
}

/** Sales in the period by product (reversed sales left out); county and the station's own sales. */
export function salesByProductSql(fromMonth: number, toMonth: number, stationId: number | null): Prisma.Sql {
  return Prisma.sql`
    SELECT p.id, p.code, p.name, p."nameEn", p.unit, s.sales, s."amountFen", s.quantity, s."stationSales", s."stationAmountFen", s."stationQuantity"
    FROM (SELECT "productId", sum(sales)::int AS sales, sum("amountFen")::float8 AS "amountFen", sum(quantity)::float8 AS quantity,
                 coalesce(sum(sales) FILTER (WHERE "stationId" = ${S(stationId)}), 0)::int AS "stationSales",
                 coalesce(sum("amountFen") FILTER (WHERE "stationId" = ${S(stationId)}), 0)::float8 AS "stationAmountFen",
                 coalesce(sum(quantity) FILTER (WHERE "stationId" = ${S(stationId)}), 0)::float8 AS "stationQuantity"
          FROM "ProgressSalesMonth" WHERE month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY "productId") s
    JOIN "Product" p ON p.id = s."productId"
    WHERE s.sales <> 0 OR s."amountFen" <> 0
    ORDER BY s."amountFen" DESC, p.code`;
}

/** Exits per exit year (EXITED and MONITORED households both have one): households and people. */
export function exitsPerYearSql(stationId: number | null): Prisma.Sql {
  return Prisma.sql`
    SELECT "exitYear" AS year, count(*)::int AS households, sum(size)::int AS people,
           count(*) FILTER (WHERE "stationId" = ${S(stationId)})::int AS "stationHouseholds",
           coalesce(sum(size) FILTER (WHERE "stationId" = ${S(stationId)}), 0)::int AS "stationPeople"
    FROM "Household" WHERE "exitYear" IS NOT NULL GROUP BY "exitYear" ORDER BY "exitYear"`;
}

/** The latest month with e-commerce income or sales (the default period ends there). */
export function latestMonthSql(): Prisma.Sql {
  return Prisma.sql`SELECT greatest((SELECT max(month) FROM "ProgressEcomMonth"), (SELECT max(month) FROM "ProgressSalesMonth")) AS month`;
}

/**
 * Drill-down rows for year Y: per township (parent null) or per village of a township. People registered by Y, still
 * poor at the end of Y, exited by Y; registered population; e-commerce income in Y (ProgressHouseholdYear).
 */
export function areaRowsSql(level: "township" | "village", year: number, townshipId: number | null): Prisma.Sql {
  const group = level === "township" ? Prisma.sql`t.id, t.code, t.name, t."nameEn"` : Prisma.sql`v.id, v.code, v.name, v."isPoor"`;
  const select =
    level === "township"
      ? Prisma.sql`t.id, t.code, t.name, t."nameEn", count(v.id)::int AS villages, count(v.id) FILTER (WHERE v."isPoor")::int AS "poorVillages"`
      : Prisma.sql`v.id, v.code, v.name, NULL::text AS "nameEn", 1 AS villages, (CASE WHEN v."isPoor" THEN 1 ELSE 0 END) AS "poorVillages", v."isPoor"`;
  return Prisma.sql`
    WITH hh AS (
      SELECT "villageId", count(*)::int AS households, sum(size)::int AS people,
             coalesce(sum(size) FILTER (WHERE "exitYear" IS NULL OR "exitYear" > ${year}), 0)::int AS poor,
             coalesce(sum(size) FILTER (WHERE "exitYear" <= ${year}), 0)::int AS exited
      FROM "Household" WHERE "registeredYear" <= ${year} GROUP BY "villageId"),
    inc AS (
      SELECT h."villageId", sum(y."ecomFen")::float8 AS ecom
      FROM "ProgressHouseholdYear" y JOIN "Household" h ON h.id = y."householdId"
      WHERE y.year = ${year} GROUP BY h."villageId")
    SELECT ${select},
           sum(v."registeredPopulation")::int AS population, coalesce(sum(hh.households), 0)::int AS households,
           coalesce(sum(hh.people), 0)::int AS people, coalesce(sum(hh.poor), 0)::int AS "poorPeople",
           coalesce(sum(hh.exited), 0)::int AS "exitedPeople", coalesce(sum(inc.ecom), 0)::float8 AS "ecomFen"
    FROM "Village" v JOIN "Township" t ON t.id = v."townshipId"
    LEFT JOIN hh ON hh."villageId" = v.id LEFT JOIN inc ON inc."villageId" = v.id
    ${townshipId === null ? Prisma.empty : Prisma.sql`WHERE v."townshipId" = ${townshipId}`}
    GROUP BY ${group} ORDER BY ${level === "township" ? Prisma.sql`t.code` : Prisma.sql`v.code`}`;
}

/** A village's households for year Y, with their year's income (all sources and e-commerce); optionally one station's. */
export function villageHouseholdsSql(villageId: number, year: number, stationId: number | null): Prisma.Sql {
  return Prisma.sql`
    SELECT h.id, h.code, h."headName", h.size, h.status, h."registeredYear", h."exitYear",
           h."foodClothingSecure", h."educationSecure", h."medicalSecure", h."housingSecure", h."waterSecure",
           s.code AS "stationCode", s.name AS "stationName",
           coalesce(y."incomeFen", 0)::float8 AS "incomeFen", coalesce(y."ecomFen", 0)::float8 AS "ecomFen"
    FROM "Household" h
    LEFT JOIN "Station" s ON s.id = h."stationId"
    LEFT JOIN "ProgressHouseholdYear" y ON y."householdId" = h.id AND y.year = ${year}
    WHERE h."villageId" = ${villageId} AND h."registeredYear" <= ${year}
      ${stationId === null ? Prisma.empty : Prisma.sql`AND h."stationId" = ${stationId}`}
    ORDER BY h.code`;
}
