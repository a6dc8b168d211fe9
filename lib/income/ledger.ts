import type { Prisma } from "../generated/prisma/client";
import type { IncomeCategory, IncomeSource } from "../generated/prisma/enums";
import type { Viewer } from "../auth/viewer";
import { conflict, notFound } from "../errors";
import { applyLedgerRows } from "../progress/summaries";

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
  // The dashboards' summary tables follow the ledger in the same transaction (lib/progress/summaries.ts).
  await applyLedgerRows(tx, created);
  return created;
}

/**
 * Appends one reversing entry per original: same household, category, source and date (so it cancels the original
 * in every period total), the negated amount, a link to the original and the reason. An entry that is itself a
 * reversal, or is already reversed, is refused (the unique reversesId also guards against a concurrent second one).
 */
export async function reverseLedgerEntries(tx: Tx, actor: Viewer | "system", entryIds: number[], reason: string) {
  const originals = await tx.incomeEntry.findMany({ where: { id: { in: entryIds } }, include: { reversedBy: { select: { id: true } } } });
  if (originals.length !== new Set(entryIds).size) throw notFound();
  for (const entry of originals) {
    if (entry.reversesId !== null) throw conflict({ key: "errors.reversalOfReversal" });
    if (entry.reversedBy) throw conflict({ key: "errors.alreadyReversed" });
  }
  return appendLedgerEntries(
    tx,
    actor,
    originals.map((e) => ({
      householdId: e.householdId, date: e.date, category: e.category, source: e.source, amountFen: -e.amountFen,
      saleId: e.saleId, reversesId: e.id, reversalReason: reason,
    })),
  );
}
