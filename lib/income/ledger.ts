import type { Prisma } from "../generated/prisma/client";
import type { IncomeCategory, IncomeSource } from "../generated/prisma/enums";
import type { Viewer } from "../auth/viewer";

type Tx = Prisma.TransactionClient;

export type NewLedgerEntry = {
  householdId: number;
  date: Date;
  category: IncomeCategory;
  source: IncomeSource;
  amountFen: number;
  note?: string | null;
  externalRef?: string | null;
  saleId?: number | null;
  reversesId?: number | null;
  reversalReason?: string | null;
};

/**
 * The one way rows enter the income ledger (manual entries, reversals, imports, sale payouts). It must run inside
 * the caller's transaction, after the caller has authorised and validated the entries, and the caller writes the
 * audit row for its business action. The ledger is append-only: nothing here or anywhere updates or deletes an entry.
 * County and station are copied from the household, so station and county totals need no join.
 */
export async function appendLedgerEntries(tx: Tx, actor: Viewer | "system", entries: NewLedgerEntry[]) {
  if (entries.length === 0) return [];
  const ids = [...new Set(entries.map((e) => e.householdId))];
  const households = await tx.household.findMany({ where: { id: { in: ids } }, select: { id: true, countyId: true, stationId: true } });
  const byId = new Map(households.map((h) => [h.id, h]));
  const recordedById = actor === "system" ? null : actor.id;
  const created = await tx.incomeEntry.createManyAndReturn({
    data: entries.map((e) => {
      const household = byId.get(e.householdId);
      if (!household) throw new Error(`appendLedgerEntries: unknown household ${e.householdId} (callers validate first)`);
      return { ...e, countyId: household.countyId, stationId: household.stationId, recordedById };
    }),
  });
  return created;
}
