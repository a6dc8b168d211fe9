import type { Prisma } from "../generated/prisma/client";
import type { IncomeCategory, IncomeSource } from "../generated/prisma/enums";
import type { Viewer } from "../auth/viewer";
import { conflict, invalid, notFound, type Msg } from "../errors";
import { countyToday, isoDate } from "../format";
import { applyLedgerRows } from "../progress/summaries";
import { refreshWarnings } from "../monitoring/warnings";
import { MAX_ENTRY_FEN } from "../validation/primitives";

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

/** The first day an entry may carry: 1 January of the household's registration year. */
export function firstLedgerDate(registeredYear: number): Date {
  return new Date(Date.UTC(registeredYear, 0, 1));
}

/** Where a refused entry's error goes: the form field of entry `index` (e.g. "date", or "suppliers.2.householdId"). */
export type LedgerFieldOf = (index: number, field: "householdId" | "date" | "amountFen") => string;

/**
 * The one way rows enter the income ledger (manual entries, reversals, imports, sale payouts), and the one place
 * its rules live, so every path obeys the same ones: the household exists; the entry is dated from 1 January of the
 * household's registration year up to today (county time); an amount is not zero and at most ¥1,000,000; only a
 * reversal is negative. It must run inside the caller's transaction, after the caller has authorised the write; the
 * caller writes the audit row for its business action. The ledger is append-only: nothing here or anywhere updates
 * or deletes an entry. County and station are copied from the household, so station and county totals need no join.
 */
export async function appendLedgerEntries(tx: Tx, actor: Viewer | "system", entries: NewLedgerEntry[], fieldOf: LedgerFieldOf = (_i, f) => f) {
  if (entries.length === 0) return [];
  const ids = [...new Set(entries.map((e) => e.householdId))];
  const households = await tx.household.findMany({ where: { id: { in: ids } }, select: { id: true, countyId: true, stationId: true, registeredYear: true } });
  const byId = new Map(households.map((h) => [h.id, h]));
  const today = countyToday();
  const fields: Record<string, Msg> = {};
  entries.forEach((e, i) => {
    const household = byId.get(e.householdId);
    const reversal = e.reversesId != null;
    if (!household) fields[fieldOf(i, "householdId")] ??= { key: "income.validation.unknownHousehold" };
    else if (!reversal && e.date < firstLedgerDate(household.registeredYear)) fields[fieldOf(i, "date")] ??= { key: "income.validation.beforeRegistered", values: { year: household.registeredYear } };
    if (isoDate(e.date) > today && !reversal) fields[fieldOf(i, "date")] ??= { key: "validation.futureDate" };
    if (!Number.isInteger(e.amountFen) || e.amountFen === 0 || (e.amountFen < 0 && !reversal)) fields[fieldOf(i, "amountFen")] ??= { key: "validation.positiveMoney" };
    else if (Math.abs(e.amountFen) > MAX_ENTRY_FEN) fields[fieldOf(i, "amountFen")] ??= { key: "validation.moneyTooLarge", values: { max: (MAX_ENTRY_FEN / 100).toLocaleString("en-US") } };
  });
  if (Object.keys(fields).length > 0) throw invalid(fields);
  const recordedById = actor === "system" ? null : actor.id;
  const created = await tx.incomeEntry.createManyAndReturn({
    data: entries.map((e) => {
      const household = byId.get(e.householdId)!;
      return { ...e, countyId: household.countyId, stationId: household.stationId, recordedById };
    }),
  });
  // The dashboards' summary tables follow the ledger in the same transaction (lib/progress/summaries.ts).
  await applyLedgerRows(tx, created);
  // So do the monitoring warnings of these households (lib/monitoring/warnings.ts).
  await refreshWarnings(tx, ids);
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
