-- The county ledger's count of rows from the summaries (issue 11): ledger rows per household and year, kept with
-- the amounts in the same upsert (lib/progress/summaries.ts applyLedgerRows). Backfilled from the ledger once.
ALTER TABLE "ProgressHouseholdYear" ADD COLUMN "entries" INTEGER NOT NULL DEFAULT 0;

UPDATE "ProgressHouseholdYear" y SET entries = c.n
FROM (SELECT "householdId", extract(year FROM date)::int AS year, count(*)::int AS n FROM "IncomeEntry" GROUP BY 1, 2) c
WHERE y."householdId" = c."householdId" AND y.year = c.year;

-- The ledger per county and year (rows and net amount), for the county ledger's count and total.
CREATE TABLE "ProgressLedgerYear" (
    "countyId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "entries" INTEGER NOT NULL,
    "incomeFen" BIGINT NOT NULL,
    CONSTRAINT "ProgressLedgerYear_pkey" PRIMARY KEY ("countyId","year")
);

INSERT INTO "ProgressLedgerYear" ("countyId", year, entries, "incomeFen")
SELECT "countyId", extract(year FROM date)::int, count(*)::int, sum("amountFen")::bigint FROM "IncomeEntry" GROUP BY 1, 2;
