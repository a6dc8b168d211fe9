// The SQL behind each figure, reading the summaries (lib/progress/summaries.ts) and the small registry tables.
// Exported on their own so the benchmark can time exactly these statements without the lib/ layer around them.
// Every statement answers for the county and, when a station id is given, for that station in the same pass.
import { Prisma } from "../generated/prisma/client";
import { COVERING_STATION_STATUS } from "./rules";

const S = (stationId: number | null) => stationId ?? -1;

/** Stations: all and ACTIVE. */
export function stationsSql(): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'ACTIVE')::int AS active FROM "Station"`;
}

/** Poor villages, and those covered by at least one station in the covering status (ACTIVE): DESIGN §5. */
export function coverageSql(): Prisma.Sql {
  return Prisma.sql`
    SELECT count(*)::int AS "poorVillages",
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM "StationVillage" sv JOIN "Station" s ON s.id = sv."stationId"
             WHERE sv."villageId" = v.id AND s.status = ${COVERING_STATION_STATUS}::"StationStatus"))::int AS covered
    FROM "Village" v WHERE v."isPoor"`;
}

/** The county (code, names) and the exit threshold of its region. */
export function countySql(): Prisma.Sql {
  return Prisma.sql`
    SELECT c.code, c.name, c."nameEn", t."incidenceBelowPct"::float8 AS "thresholdPct"
    FROM "County" c LEFT JOIN "ExitThreshold" t ON t.region = c.region ORDER BY c.id LIMIT 1`;
}

/**
 * Beneficiary households in months a..b (DESIGN §5: net e-commerce income in the period > 0). County: the sums of the
 * beneficiary cells with a ≤ month ≤ b and prevMonth < a, and the county's e-commerce income in the period (every
 * household with income in the period is a beneficiary, a month's net never being negative). Station: its ~250
 * households' monthly nets, summed over the period. Residents are the households' current sizes.
 */
export function beneficiariesSql(fromMonth: number, toMonth: number, stationId: number | null): Prisma.Sql {
  const station =
    stationId === null
      ? Prisma.sql`0 AS "stationHouseholds", 0 AS "stationResidents", 0::float8 AS "stationIncomeFen"`
      : Prisma.sql`s.households AS "stationHouseholds", s.residents AS "stationResidents", s."incomeFen" AS "stationIncomeFen"`;
  const stationFrom =
    stationId === null
      ? Prisma.empty
      : Prisma.sql`CROSS JOIN (
          SELECT count(*)::int AS households, coalesce(sum(size), 0)::int AS residents, coalesce(sum(net), 0)::float8 AS "incomeFen"
          FROM (SELECT h.size, (SELECT coalesce(sum(u.net), 0) FROM unnest(e.months, e."netFen") AS u(m, net) WHERE u.m BETWEEN ${fromMonth} AND ${toMonth}) AS net
                FROM "Household" h JOIN "ProgressHouseholdEcom" e ON e."householdId" = h.id WHERE h."stationId" = ${stationId}) x
          WHERE net > 0) s`;
  return Prisma.sql`
    SELECT c.households, c.residents, i."incomeFen", ${station}
    FROM (SELECT coalesce(sum(households), 0)::int AS households, coalesce(sum(people), 0)::int AS residents
          FROM "ProgressBeneficiaryCell" WHERE month BETWEEN ${fromMonth} AND ${toMonth} AND "prevMonth" < ${fromMonth}) c
    CROSS JOIN (SELECT coalesce(sum("amountFen"), 0)::float8 AS "incomeFen" FROM "ProgressEcomCountyMonth" WHERE month BETWEEN ${fromMonth} AND ${toMonth}) i
    ${stationFrom}`;
}

/**
 * Registered households at the end of year Y by standing: still poor (no exit year up to Y), exited by Y, and of
 * those the ones now MONITORED (exited, watched for relapse); households and people, county and station.
 */
export function standingSql(year: number, stationId: number | null): Prisma.Sql {
  const standing = Prisma.sql`CASE WHEN "exitYear" = 0 OR "exitYear" > ${year} THEN 'POOR' WHEN status = 'MONITORED' THEN 'MONITORED' ELSE 'EXITED' END`;
  const station =
    stationId === null
      ? Prisma.empty
      : Prisma.sql`UNION ALL
        SELECT true, ${standing}, sum(households)::int, sum(people)::int
        FROM "ProgressHouseholdGroup" WHERE "stationId" = ${stationId} AND "registeredYear" <= ${year} GROUP BY 1, 2`;
  return Prisma.sql`
    SELECT false AS mine, ${standing} AS standing, sum(households)::int AS households, sum(people)::int AS people
    FROM "ProgressCountyGroup" WHERE "registeredYear" <= ${year} GROUP BY 1, 2
    ${station}`;
}

/** County incidence at the end of year Y, with the exit threshold of the county's region. */
export function incidenceSql(year: number): Prisma.Sql {
  return Prisma.sql`
    SELECT (SELECT coalesce(sum("registeredPopulation"), 0) FROM "Village")::int AS population,
           (SELECT coalesce(sum(people), 0) FROM "ProgressCountyGroup"
            WHERE "registeredYear" <= ${year} AND ("exitYear" = 0 OR "exitYear" > ${year}))::int AS "notExitedPeople",
           (SELECT t."incidenceBelowPct" FROM "County" c JOIN "ExitThreshold" t ON t.region = c.region ORDER BY c.id LIMIT 1)::float8 AS "thresholdPct"`;
}

/**
 * County incidence at the end of each year firstYear..lastYear (the dashboard's trend line): people in registered
 * households not exited by then, per year, from the county summary (ProgressCountyGroup, a few dozen rows), the rural
 * registered population and the region's exit threshold. The same figures as incidenceSql, one row per year.
 */
export function incidenceTrendSql(firstYear: number, lastYear: number): Prisma.Sql {
  return Prisma.sql`
    SELECT y.year::int AS year,
           (SELECT coalesce(sum(g.people), 0) FROM "ProgressCountyGroup" g
            WHERE g."registeredYear" <= y.year AND (g."exitYear" = 0 OR g."exitYear" > y.year))::int AS "notExitedPeople",
           (SELECT coalesce(sum("registeredPopulation"), 0) FROM "Village")::int AS population,
           (SELECT t."incidenceBelowPct" FROM "County" c JOIN "ExitThreshold" t ON t.region = c.region ORDER BY c.id LIMIT 1)::float8 AS "thresholdPct"
    FROM generate_series(${firstYear}::int, ${lastYear}::int) AS y(year)
    ORDER BY y.year`;
}

/** E-commerce income per month of the period, by source; county and station (the station the income went through). */
export function monthlyEcomSql(fromMonth: number, toMonth: number, stationId: number | null): Prisma.Sql {
  const station =
    stationId === null
      ? Prisma.sql`0::float8 AS "stationSaleFen", 0::float8 AS "stationJobFen"`
      : Prisma.sql`
          (SELECT coalesce(sum("amountFen"), 0) FROM "ProgressEcomMonth" s
           WHERE s.month = c.month AND s."stationId" = ${stationId} AND s.source = 'ECOMMERCE_SALE')::float8 AS "stationSaleFen",
          (SELECT coalesce(sum("amountFen"), 0) FROM "ProgressEcomMonth" s
           WHERE s.month = c.month AND s."stationId" = ${stationId} AND s.source = 'STATION_JOB')::float8 AS "stationJobFen"`;
  return Prisma.sql`
    SELECT c.month, c."saleFen", c."jobFen", ${station}
    FROM (SELECT month,
                 coalesce(sum("amountFen") FILTER (WHERE source = 'ECOMMERCE_SALE'), 0)::float8 AS "saleFen",
                 coalesce(sum("amountFen") FILTER (WHERE source = 'STATION_JOB'), 0)::float8 AS "jobFen"
          FROM "ProgressEcomCountyMonth" WHERE month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY month) c
    ORDER BY c.month`;
}

/** Sales in the period by product (reversed sales left out); county and the station's own sales. */
export function salesByProductSql(fromMonth: number, toMonth: number, stationId: number | null): Prisma.Sql {
  const station =
    stationId === null
      ? Prisma.sql`0 AS "stationSales", 0::float8 AS "stationAmountFen", 0::float8 AS "stationQuantity"`
      : Prisma.sql`coalesce(st.sales, 0)::int AS "stationSales", coalesce(st."amountFen", 0)::float8 AS "stationAmountFen", coalesce(st.quantity, 0)::float8 AS "stationQuantity"`;
  const stationFrom =
    stationId === null
      ? Prisma.empty
      : Prisma.sql`LEFT JOIN (SELECT "productId", sum(sales) AS sales, sum("amountFen") AS "amountFen", sum(quantity) AS quantity
                   FROM "ProgressSalesMonth" WHERE month BETWEEN ${fromMonth} AND ${toMonth} AND "stationId" = ${stationId}
                   GROUP BY "productId") st ON st."productId" = s."productId"`;
  return Prisma.sql`
    SELECT p.id, p.code, p.name, p."nameEn", p.unit, s.sales, s."amountFen", s.quantity, ${station}
    FROM (SELECT "productId", sum(sales)::int AS sales, sum("amountFen")::float8 AS "amountFen", sum(quantity)::float8 AS quantity
          FROM "ProgressSalesCountyMonth" WHERE month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY "productId") s
    JOIN "Product" p ON p.id = s."productId"
    ${stationFrom}
    WHERE s.sales <> 0 OR s."amountFen" <> 0
    ORDER BY s."amountFen" DESC, p.code`;
}

/** Exits per exit year (EXITED and MONITORED households both have one): households and people. */
export function exitsPerYearSql(stationId: number | null): Prisma.Sql {
  const station =
    stationId === null
      ? Prisma.sql`0 AS "stationHouseholds", 0 AS "stationPeople"`
      : Prisma.sql`
          (SELECT coalesce(sum(households), 0) FROM "ProgressHouseholdGroup" g WHERE g."stationId" = ${stationId} AND g."exitYear" = c.year)::int AS "stationHouseholds",
          (SELECT coalesce(sum(people), 0) FROM "ProgressHouseholdGroup" g WHERE g."stationId" = ${stationId} AND g."exitYear" = c.year)::int AS "stationPeople"`;
  return Prisma.sql`
    SELECT c.year, c.households, c.people, ${station}
    FROM (SELECT "exitYear" AS year, sum(households)::int AS households, sum(people)::int AS people
          FROM "ProgressCountyGroup" WHERE "exitYear" <> 0 GROUP BY "exitYear") c
    ORDER BY c.year`;
}

/** The latest month with e-commerce income or sales (the default period ends there). */
export function latestMonthSql(): Prisma.Sql {
  return Prisma.sql`SELECT greatest((SELECT max(month) FROM "ProgressEcomCountyMonth"), (SELECT max(month) FROM "ProgressSalesCountyMonth")) AS month`;
}

/**
 * Drill-down rows for year Y: per township (parent null) or per village of a township. People registered by Y, still
 * poor at the end of Y, exited by Y (ProgressHouseholdGroup); registered population; e-commerce income in Y.
 */
export function areaRowsSql(level: "township" | "village", year: number, townshipId: number | null): Prisma.Sql {
  const group = level === "township" ? Prisma.sql`t.id, t.code, t.name, t."nameEn"` : Prisma.sql`v.id, v.code, v.name, v."isPoor"`;
  const select =
    level === "township"
      ? Prisma.sql`t.id, t.code, t.name, t."nameEn", count(v.id)::int AS villages, count(v.id) FILTER (WHERE v."isPoor")::int AS "poorVillages"`
      : Prisma.sql`v.id, v.code, v.name, NULL::text AS "nameEn", 1 AS villages, (CASE WHEN v."isPoor" THEN 1 ELSE 0 END) AS "poorVillages", v."isPoor"`;
  return Prisma.sql`
    WITH hh AS (
      SELECT "villageId", sum(households)::int AS households, sum(people)::int AS people,
             coalesce(sum(people) FILTER (WHERE "exitYear" = 0 OR "exitYear" > ${year}), 0)::int AS poor,
             coalesce(sum(people) FILTER (WHERE "exitYear" <> 0 AND "exitYear" <= ${year}), 0)::int AS exited
      FROM "ProgressHouseholdGroup" WHERE "registeredYear" <= ${year} GROUP BY "villageId"),
    inc AS (SELECT "villageId", sum("ecomFen")::float8 AS ecom FROM "ProgressVillageYear" WHERE year = ${year} GROUP BY "villageId")
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
    WHERE h."villageId" = ${villageId} AND h."registeredYear" <= ${year} AND h.kind = 'REGISTERED'
      ${stationId === null ? Prisma.empty : Prisma.sql`AND h."stationId" = ${stationId}`}
    ORDER BY h.code`;
}
