-- The ledger's own order (newest first: date DESC, id DESC): the county ledger page and the streamed export page
-- through it by keyset instead of sorting the whole ledger.
CREATE INDEX "IncomeEntry_date_id_idx" ON "IncomeEntry"("date" DESC, "id" DESC);
