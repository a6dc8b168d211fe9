-- Progress summaries (lib/progress/summaries.ts): tables derived from the ledger, the sales and the registry, read by
-- the dashboards instead of the raw rows. No foreign keys (caches; rebuildSummaries() recomputes them).

-- CreateTable
CREATE TABLE "ProgressHouseholdEcom" (
    "householdId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "months" INTEGER[],
    "netFen" BIGINT[],

    CONSTRAINT "ProgressHouseholdEcom_pkey" PRIMARY KEY ("householdId")
);

-- CreateTable
CREATE TABLE "ProgressBeneficiaryCell" (
    "month" INTEGER NOT NULL,
    "prevMonth" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "households" INTEGER NOT NULL,
    "people" INTEGER NOT NULL,

    CONSTRAINT "ProgressBeneficiaryCell_pkey" PRIMARY KEY ("month","prevMonth","countyId")
);

-- CreateTable
CREATE TABLE "ProgressHouseholdYear" (
    "householdId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "incomeFen" BIGINT NOT NULL,
    "ecomFen" BIGINT NOT NULL,

    CONSTRAINT "ProgressHouseholdYear_pkey" PRIMARY KEY ("householdId","year")
);

-- CreateTable
CREATE TABLE "ProgressVillageYear" (
    "year" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "ecomFen" BIGINT NOT NULL,

    CONSTRAINT "ProgressVillageYear_pkey" PRIMARY KEY ("year","villageId","countyId")
);

-- CreateTable
CREATE TABLE "ProgressEcomMonth" (
    "month" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "source" "IncomeSource" NOT NULL,
    "amountFen" BIGINT NOT NULL,

    CONSTRAINT "ProgressEcomMonth_pkey" PRIMARY KEY ("month","countyId","stationId","source")
);

-- CreateTable
CREATE TABLE "ProgressEcomCountyMonth" (
    "month" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "source" "IncomeSource" NOT NULL,
    "amountFen" BIGINT NOT NULL,

    CONSTRAINT "ProgressEcomCountyMonth_pkey" PRIMARY KEY ("month","countyId","source")
);

-- CreateTable
CREATE TABLE "ProgressSalesMonth" (
    "month" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "channel" "Platform" NOT NULL,
    "sales" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "quantity" DECIMAL(16,3) NOT NULL,

    CONSTRAINT "ProgressSalesMonth_pkey" PRIMARY KEY ("month","countyId","stationId","productId","channel")
);

-- CreateTable
CREATE TABLE "ProgressSalesCountyMonth" (
    "month" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "sales" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "quantity" DECIMAL(16,3) NOT NULL,

    CONSTRAINT "ProgressSalesCountyMonth_pkey" PRIMARY KEY ("month","countyId","productId")
);

-- CreateTable
CREATE TABLE "ProgressHouseholdGroup" (
    "countyId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "registeredYear" INTEGER NOT NULL,
    "exitYear" INTEGER NOT NULL,
    "status" "HouseholdStatus" NOT NULL,
    "households" INTEGER NOT NULL,
    "people" INTEGER NOT NULL,

    CONSTRAINT "ProgressHouseholdGroup_pkey" PRIMARY KEY ("villageId","stationId","registeredYear","exitYear","status","countyId")
);

-- CreateTable
CREATE TABLE "ProgressCountyGroup" (
    "countyId" INTEGER NOT NULL,
    "registeredYear" INTEGER NOT NULL,
    "exitYear" INTEGER NOT NULL,
    "status" "HouseholdStatus" NOT NULL,
    "households" INTEGER NOT NULL,
    "people" INTEGER NOT NULL,

    CONSTRAINT "ProgressCountyGroup_pkey" PRIMARY KEY ("countyId","registeredYear","exitYear","status")
);

-- CreateIndex
CREATE INDEX "ProgressHouseholdGroup_stationId_idx" ON "ProgressHouseholdGroup"("stationId");


-- Household-derived summaries follow every write to "Household" (registry edits, status changes, imports, the seed)
-- in the writer's own transaction: one statement trigger with transition tables, so a bulk insert costs one grouped
-- upsert, and no writer can forget it. (Ledger-derived summaries are kept by lib/progress/summaries.ts, called from
-- appendLedgerEntries and lib/sales.) rebuildSummaries() recomputes everything from scratch.
CREATE FUNCTION "progress_household_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Standing groups (per village and station, and per county): the old rows out, the new rows in; groups left
  -- empty are removed.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "ProgressHouseholdGroup" AS t ("countyId", "villageId", "stationId", "registeredYear", "exitYear", "status", "households", "people")
    SELECT "countyId", "villageId", coalesce("stationId", 0), "registeredYear", coalesce("exitYear", 0), "status", -count(*), -sum("size")
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("villageId", "stationId", "registeredYear", "exitYear", "status", "countyId")
    DO UPDATE SET "households" = t."households" + excluded."households", "people" = t."people" + excluded."people";
    INSERT INTO "ProgressCountyGroup" AS t ("countyId", "registeredYear", "exitYear", "status", "households", "people")
    SELECT "countyId", "registeredYear", coalesce("exitYear", 0), "status", -count(*), -sum("size")
    FROM old_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT ("countyId", "registeredYear", "exitYear", "status")
    DO UPDATE SET "households" = t."households" + excluded."households", "people" = t."people" + excluded."people";
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO "ProgressHouseholdGroup" AS t ("countyId", "villageId", "stationId", "registeredYear", "exitYear", "status", "households", "people")
    SELECT "countyId", "villageId", coalesce("stationId", 0), "registeredYear", coalesce("exitYear", 0), "status", count(*), sum("size")
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("villageId", "stationId", "registeredYear", "exitYear", "status", "countyId")
    DO UPDATE SET "households" = t."households" + excluded."households", "people" = t."people" + excluded."people";
    INSERT INTO "ProgressCountyGroup" AS t ("countyId", "registeredYear", "exitYear", "status", "households", "people")
    SELECT "countyId", "registeredYear", coalesce("exitYear", 0), "status", count(*), sum("size")
    FROM new_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT ("countyId", "registeredYear", "exitYear", "status")
    DO UPDATE SET "households" = t."households" + excluded."households", "people" = t."people" + excluded."people";
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "ProgressHouseholdGroup" WHERE "households" = 0 AND "villageId" IN (SELECT "villageId" FROM old_rows);
    DELETE FROM "ProgressCountyGroup" WHERE "households" = 0 AND "countyId" IN (SELECT "countyId" FROM old_rows);
  END IF;
  IF TG_OP <> 'UPDATE' THEN
    RETURN NULL; -- a new household has no income yet; one with ledger entries cannot be deleted (foreign key)
  END IF;

  -- A changed size (or county) moves the household's people in its beneficiary cells.
  INSERT INTO "ProgressBeneficiaryCell" AS t ("month", "prevMonth", "countyId", "households", "people")
  SELECT d."month", d."prevMonth", d."countyId", sum(d."households"), sum(d."people")
  FROM (
    SELECT p.m AS "month", p.prev AS "prevMonth", x.county AS "countyId", x.sign AS "households", x.sign * x.size AS "people"
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN "ProgressHouseholdEcom" e ON e."householdId" = n.id
    CROSS JOIN LATERAL (VALUES (o."countyId", -1, o."size"), (n."countyId", 1, n."size")) AS x(county, sign, size)
    CROSS JOIN LATERAL (
      SELECT u.m, lag(u.m, 1, -1) OVER (ORDER BY u.m) AS prev FROM unnest(e."months", e."netFen") AS u(m, net) WHERE u.net > 0
    ) p
    WHERE n."size" <> o."size" OR n."countyId" <> o."countyId"
  ) d
  GROUP BY 1, 2, 3
  ON CONFLICT ("month", "prevMonth", "countyId")
  DO UPDATE SET "households" = t."households" + excluded."households", "people" = t."people" + excluded."people";

  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n."villageId" <> o."villageId" OR n."countyId" <> o."countyId") THEN
    DELETE FROM "ProgressBeneficiaryCell" WHERE "households" = 0;
    -- A household that moved village (or county) takes its e-commerce income per year along.
    INSERT INTO "ProgressVillageYear" AS t ("year", "villageId", "countyId", "ecomFen")
    SELECT y."year", x.village, x.county, sum(x.sign * y."ecomFen")
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN "ProgressHouseholdYear" y ON y."householdId" = n.id
    CROSS JOIN LATERAL (VALUES (o."villageId", o."countyId", -1), (n."villageId", n."countyId", 1)) AS x(village, county, sign)
    WHERE n."villageId" <> o."villageId" OR n."countyId" <> o."countyId"
    GROUP BY 1, 2, 3
    ON CONFLICT ("year", "villageId", "countyId") DO UPDATE SET "ecomFen" = t."ecomFen" + excluded."ecomFen";
    DELETE FROM "ProgressVillageYear" WHERE "ecomFen" = 0 AND "villageId" IN (SELECT "villageId" FROM old_rows);
    UPDATE "ProgressHouseholdEcom" e SET "countyId" = n."countyId" FROM new_rows n WHERE e."householdId" = n.id AND e."countyId" <> n."countyId";
    UPDATE "ProgressHouseholdYear" y SET "countyId" = n."countyId" FROM new_rows n WHERE y."householdId" = n.id AND y."countyId" <> n."countyId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "progress_household_insert" AFTER INSERT ON "Household"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "progress_household_change"();
CREATE TRIGGER "progress_household_update" AFTER UPDATE ON "Household"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "progress_household_change"();
CREATE TRIGGER "progress_household_delete" AFTER DELETE ON "Household"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "progress_household_change"();

-- Backfill: a database that already holds a registry, a ledger and sales gets its summaries now (the same
-- statements as rebuildSummaries() in lib/progress/summaries.ts). On a fresh database these insert nothing.
INSERT INTO "ProgressHouseholdYear" ("householdId", year, "countyId", "incomeFen", "ecomFen")
SELECT "householdId", extract(year FROM date)::int, min("countyId"), sum("amountFen")::bigint,
       coalesce(sum("amountFen") FILTER (WHERE source IN ('ECOMMERCE_SALE', 'STATION_JOB')), 0)::bigint
FROM "IncomeEntry" GROUP BY 1, 2;

INSERT INTO "ProgressHouseholdEcom" ("householdId", "countyId", months, "netFen")
SELECT "householdId", min(county), array_agg(month ORDER BY month), array_agg(net ORDER BY month)
FROM (
  SELECT "householdId", min("countyId") AS county, (extract(year FROM date)::int * 12 + extract(month FROM date)::int - 1) AS month, sum("amountFen")::bigint AS net
  FROM "IncomeEntry" WHERE source IN ('ECOMMERCE_SALE', 'STATION_JOB') GROUP BY "householdId", 3) m GROUP BY "householdId";

INSERT INTO "ProgressBeneficiaryCell" (month, "prevMonth", "countyId", households, people)
SELECT p.month, p.prev, h."countyId", count(*)::int, sum(h.size)::int
FROM (SELECT "householdId", month, lag(month, 1, -1) OVER (PARTITION BY "householdId" ORDER BY month) AS prev
      FROM (
  SELECT "householdId", min("countyId") AS county, (extract(year FROM date)::int * 12 + extract(month FROM date)::int - 1) AS month, sum("amountFen")::bigint AS net
  FROM "IncomeEntry" WHERE source IN ('ECOMMERCE_SALE', 'STATION_JOB') GROUP BY "householdId", 3) m WHERE net > 0) p
JOIN "Household" h ON h.id = p."householdId"
GROUP BY 1, 2, 3;

INSERT INTO "ProgressVillageYear" (year, "villageId", "countyId", "ecomFen")
SELECT extract(year FROM e.date)::int, h."villageId", h."countyId", sum(e."amountFen")::bigint
FROM "IncomeEntry" e JOIN "Household" h ON h.id = e."householdId"
WHERE e.source IN ('ECOMMERCE_SALE', 'STATION_JOB') GROUP BY 1, 2, 3 HAVING sum(e."amountFen") <> 0;

INSERT INTO "ProgressEcomMonth" (month, "countyId", "stationId", source, "amountFen")
SELECT (extract(year FROM e.date)::int * 12 + extract(month FROM e.date)::int - 1), e."countyId", coalesce(s."stationId", e."stationId", 0), e.source, sum(e."amountFen")::bigint
FROM "IncomeEntry" e LEFT JOIN "Sale" s ON s.id = e."saleId"
WHERE e.source IN ('ECOMMERCE_SALE', 'STATION_JOB') GROUP BY 1, 2, 3, 4;

INSERT INTO "ProgressEcomCountyMonth" (month, "countyId", source, "amountFen")
SELECT (extract(year FROM date)::int * 12 + extract(month FROM date)::int - 1), "countyId", source, sum("amountFen")::bigint
FROM "IncomeEntry" WHERE source IN ('ECOMMERCE_SALE', 'STATION_JOB') GROUP BY 1, 2, 3;

INSERT INTO "ProgressSalesMonth" (month, "countyId", "stationId", "productId", channel, sales, "amountFen", quantity)
SELECT (extract(year FROM date)::int * 12 + extract(month FROM date)::int - 1), "countyId", "stationId", "productId", channel,
       count(*) FILTER (WHERE "reversedAt" IS NULL)::int,
       coalesce(sum("amountFen") FILTER (WHERE "reversedAt" IS NULL), 0)::bigint,
       coalesce(sum(quantity) FILTER (WHERE "reversedAt" IS NULL), 0)
FROM "Sale" GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "ProgressSalesCountyMonth" (month, "countyId", "productId", sales, "amountFen", quantity)
SELECT (extract(year FROM date)::int * 12 + extract(month FROM date)::int - 1), "countyId", "productId",
       count(*) FILTER (WHERE "reversedAt" IS NULL)::int,
       coalesce(sum("amountFen") FILTER (WHERE "reversedAt" IS NULL), 0)::bigint,
       coalesce(sum(quantity) FILTER (WHERE "reversedAt" IS NULL), 0)
FROM "Sale" GROUP BY 1, 2, 3;

INSERT INTO "ProgressHouseholdGroup" ("countyId", "villageId", "stationId", "registeredYear", "exitYear", status, households, people)
SELECT "countyId", "villageId", coalesce("stationId", 0), "registeredYear", coalesce("exitYear", 0), status, count(*)::int, sum(size)::int
FROM "Household" GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO "ProgressCountyGroup" ("countyId", "registeredYear", "exitYear", status, households, people)
SELECT "countyId", "registeredYear", coalesce("exitYear", 0), status, count(*)::int, sum(size)::int
FROM "Household" GROUP BY 1, 2, 3, 4;
