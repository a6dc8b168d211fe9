-- The county ledger's count of rows from the summaries (issue 11): ledger rows per household and year, kept with
-- the amounts in the same upsert (lib/progress/summaries.ts applyLedgerRows). Backfilled from the ledger once.
ALTER TABLE "ProgressHouseholdYear" ADD COLUMN "entries" INTEGER NOT NULL DEFAULT 0;

UPDATE "ProgressHouseholdYear" y SET entries = c.n
FROM (SELECT "householdId", extract(year FROM date)::int AS year, count(*)::int AS n FROM "IncomeEntry" GROUP BY 1, 2) c
WHERE y."householdId" = c."householdId" AND y.year = c.year;
