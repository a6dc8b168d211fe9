-- The warnings counted per year, village and station (lib/monitoring/warnings.ts keeps it), filled from the
-- warnings already stored.
CREATE TABLE "MonitoringAreaYear" (
    "year" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "households" INTEGER NOT NULL,
    "lowIncome" INTEGER NOT NULL,
    "ecomDrop" INTEGER NOT NULL,
    "noSales" INTEGER NOT NULL,
    "guaranteeLost" INTEGER NOT NULL,
    "hardship" INTEGER NOT NULL,
    "withoutCase" INTEGER NOT NULL,

    CONSTRAINT "MonitoringAreaYear_pkey" PRIMARY KEY ("year","villageId","stationId")
);

CREATE INDEX "MonitoringAreaYear_year_stationId_idx" ON "MonitoringAreaYear"("year", "stationId");

INSERT INTO "MonitoringAreaYear" ("year", "villageId", "stationId", "countyId", "households", "lowIncome", "ecomDrop", "noSales", "guaranteeLost", "hardship", "withoutCase")
SELECT w."year", w."villageId", w."stationId", min(w."countyId"),
  count(DISTINCT w."householdId")::int,
  count(DISTINCT w."householdId") FILTER (WHERE w."rule" = 'LOW_INCOME')::int,
  count(DISTINCT w."householdId") FILTER (WHERE w."rule" = 'ECOM_DROP')::int,
  count(DISTINCT w."householdId") FILTER (WHERE w."rule" = 'NO_SALES')::int,
  count(DISTINCT w."householdId") FILTER (WHERE w."rule" = 'GUARANTEE_LOST')::int,
  count(DISTINCT w."householdId") FILTER (WHERE w."rule" = 'HARDSHIP')::int,
  count(DISTINCT w."householdId") FILTER (WHERE NOT EXISTS (
    SELECT 1 FROM "MonitoringCase" c WHERE c."householdId" = w."householdId" AND c."status" <> 'CLOSED'
      AND c."openedOn" <= make_date(w."year", 12, 31) AND (c."eliminatedOn" IS NULL OR c."eliminatedOn" >= make_date(w."year", 1, 1))))::int
FROM "MonitoringWarning" w
GROUP BY 1, 2, 3;

-- The registry's count as it opens adds the households entered for monitoring only (not in the per-group summary)
-- to the summary's registered households: a partial index keeps that count to the minority it counts.
CREATE INDEX "Household_monitoring_kind_idx" ON "Household"("stationId") WHERE "kind" = 'MONITORING';
