import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError, conflict, invalid, isUniqueViolation, notFound, parseInput } from "../errors";
import { authorize, readScope, type Action } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { Prisma } from "../generated/prisma/client";
import type { IncomeCategory, IncomeSource } from "../generated/prisma/enums";
import { isoDate } from "../format";
import { getHousehold, readableHousehold, yearsFor } from "../households";
import { incomeQuerySchema, newIncomeEntrySchema, reversalSchema, type IncomeQuery } from "../validation/income";
import { likeEscape, parseIsoDate } from "../validation/primitives";
import { appendLedgerEntries, reverseLedgerEntries } from "./ledger";
import { onceFor, type Idempotency, type IdempotencyGuard } from "../idempotency";

export const ENTRY_INCLUDE = {
  household: { select: { code: true, headName: true, stationId: true } },
  recordedBy: { select: { name: true } },
  reversedBy: { select: { id: true } },
  reverses: { select: { id: true, date: true, amountFen: true, source: true } },
} as const satisfies Prisma.IncomeEntryInclude;

type EntryRecord = Prisma.IncomeEntryGetPayload<{ include: typeof ENTRY_INCLUDE }>;

/** A ledger entry as pages and the API see it: money in integer fen, the date as YYYY-MM-DD. */
export function entryDto(e: EntryRecord) {
  return {
    id: e.id, householdId: e.householdId, householdCode: e.household.code, headName: e.household.headName,
    date: isoDate(e.date), category: e.category, source: e.source, amountFen: e.amountFen, note: e.note, externalRef: e.externalRef,
    saleId: e.saleId, reversesId: e.reversesId, reversedById: e.reversedBy?.id ?? null, reversalReason: e.reversalReason,
    // What a reversal reversed, so pages say "冲正 2020-05-01 外出务工 ¥1,500.00" instead of an id.
    reverses: e.reverses ? { id: e.reverses.id, date: isoDate(e.reverses.date), amountFen: e.reverses.amountFen, source: e.reverses.source } : null,
    recordedBy: e.recordedBy?.name ?? null, createdAt: e.createdAt.toISOString(),
  };
}
export type IncomeEntryDto = ReturnType<typeof entryDto>;

/**
 * The ledger filter of a viewer, as SQL conditions over "IncomeEntry" e joined to its "Household" h: all rows, or
 * (OPERATOR) those of households their station serves now. An OPERATOR asking for another station's rows is refused
 * (403), as everywhere. One filter for the page, its totals and the export.
 */
function ledgerFilter(viewer: Viewer, q: IncomeQuery, action: Action = "income.read"): Prisma.Sql[] {
  const scope = readScope(viewer, action, q.stationId);
  const and: Prisma.Sql[] = scope === null ? [] : [Prisma.sql`h."stationId" = ${scope}`];
  if (q.householdId) and.push(Prisma.sql`e."householdId" = ${q.householdId}`);
  if (q.q) {
    const like = likeEscape(q.q);
    and.push(Prisma.sql`(h.code ILIKE ${`${like}%`} OR h."headName" LIKE ${`%${like}%`})`);
  }
  if (q.stationId) and.push(Prisma.sql`h."stationId" = ${q.stationId}`);
  if (q.category) and.push(Prisma.sql`e.category = ${q.category}::text::"IncomeCategory"`);
  if (q.source) and.push(Prisma.sql`e.source = ${q.source}::text::"IncomeSource"`);
  if (q.from) and.push(Prisma.sql`e.date >= ${q.from}::date`);
  if (q.to) and.push(Prisma.sql`e.date <= ${q.to}::date`);
  return and;
}

const whereSql = (conds: Prisma.Sql[]) => (conds.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}` : Prisma.empty);

type LedgerRow = {
  id: number; countyId: number; householdId: number; stationId: number | null; date: string; category: string; source: string; amountFen: number;
  note: string | null; externalRef: string | null; saleId: number | null; reversesId: number | null; reversalReason: string | null;
  recordedById: number | null; createdAt: string; hCode: string; hHeadName: string; hStationId: number | null; uName: string | null;
  rbId: number | null; rvId: number | null; rvDate: string | null; rvAmountFen: number | null; rvSource: string | null;
};

/**
 * Ledger rows newest first, each with its household, who recorded it, its reversal and what it reverses, in one
 * statement (the list page, the household page and the export: a fifth of the cost of the ORM's five queries with
 * their row mapping on a 5,000-row export batch).
 */
async function ledgerRows(conds: Prisma.Sql[], page: { limit: number; offset?: number }): Promise<EntryRecord[]> {
  const rows = await db.$queryRaw<LedgerRow[]>`
    SELECT e.id, e."countyId", e."householdId", e."stationId", to_char(e.date, 'YYYY-MM-DD') AS date, e.category::text AS category,
           e.source::text AS source, e."amountFen", e.note, e."externalRef", e."saleId", e."reversesId", e."reversalReason", e."recordedById",
           to_char(e."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", h.code AS "hCode", h."headName" AS "hHeadName",
           h."stationId" AS "hStationId", u.name AS "uName", rb.id AS "rbId", rv.id AS "rvId", to_char(rv.date, 'YYYY-MM-DD') AS "rvDate",
           rv."amountFen" AS "rvAmountFen", rv.source::text AS "rvSource"
    FROM "IncomeEntry" e JOIN "Household" h ON h.id = e."householdId" LEFT JOIN "User" u ON u.id = e."recordedById"
    LEFT JOIN "IncomeEntry" rb ON rb."reversesId" = e.id LEFT JOIN "IncomeEntry" rv ON rv.id = e."reversesId"
    ${whereSql(conds)} ORDER BY e.date DESC, e.id DESC LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`;
  const day = (d: string) => new Date(`${d}T00:00:00Z`);
  return rows.map((r) => ({
    id: r.id, countyId: r.countyId, householdId: r.householdId, stationId: r.stationId, date: day(r.date), category: r.category as IncomeCategory,
    source: r.source as IncomeSource, amountFen: Number(r.amountFen), note: r.note, externalRef: r.externalRef, saleId: r.saleId, reversesId: r.reversesId,
    reversalReason: r.reversalReason, recordedById: r.recordedById, createdAt: new Date(r.createdAt),
    household: { code: r.hCode, headName: r.hHeadName, stationId: r.hStationId },
    recordedBy: r.uName === null ? null : { name: r.uName },
    reversedBy: r.rbId === null ? null : { id: r.rbId },
    reverses: r.rvId === null ? null : { id: r.rvId, date: day(r.rvDate!), amountFen: Number(r.rvAmountFen), source: r.rvSource as IncomeSource },
  }));
}

/** The ledger: filtered, newest first, one page, with the count and net total of everything the filter matches. */
export async function listIncomeEntries(viewer: Viewer, query: unknown) {
  authorize(viewer, "income.read");
  const q = parseInput(incomeQuerySchema, query);
  const conds = ledgerFilter(viewer, q);
  const [records, totals] = await Promise.all([
    ledgerRows(conds, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    ledgerTotals(viewer, q, conds),
  ]);
  return { rows: records.map(entryDto), total: totals.count, sumFen: totals.sumFen, page: q.page, pageSize: q.pageSize, query: q };
}

/**
 * Count and net total of what the filter matches. The ledger as it opens (the whole county, or one station's
 * households) is read from the per-household-year summary, a row per household and year instead of a million
 * ledger rows; any other filter narrows the ledger through an index and is counted directly.
 */
async function ledgerTotals(viewer: Viewer, q: IncomeQuery, conds: Prisma.Sql[]): Promise<{ count: number; sumFen: number }> {
  const narrowed = q.householdId || q.q || q.category || q.source || q.from || q.to;
  if (!narrowed) {
    const station = q.stationId ?? readScope(viewer, "income.read", q.stationId);
    // The county: a row per year. One station: a row per household and year of the households it serves now.
    const [row] = await (station === null
      ? db.$queryRaw<{ count: bigint | null; sum: bigint | null }[]>`
          SELECT sum(entries)::bigint AS count, sum("incomeFen")::bigint AS sum FROM "ProgressLedgerYear"`
      : db.$queryRaw<{ count: bigint | null; sum: bigint | null }[]>`
          SELECT sum(y.entries)::bigint AS count, sum(y."incomeFen")::bigint AS sum
          FROM "ProgressHouseholdYear" y JOIN "Household" h ON h.id = y."householdId" WHERE h."stationId" = ${station}`);
    return { count: Number(row?.count ?? 0), sumFen: Number(row?.sum ?? 0) };
  }
  const [row] = await db.$queryRaw<{ count: bigint; sum: bigint | null }[]>`
    SELECT count(*)::bigint AS count, sum(e."amountFen")::bigint AS sum FROM "IncomeEntry" e JOIN "Household" h ON h.id = e."householdId" ${whereSql(conds)}`;
  return { count: Number(row.count), sumFen: Number(row.sum ?? 0) };
}

/**
 * Every ledger row matching the filters (for exports), newest first, in batches of `batchSize`: the whole county's
 * ledger (a million entries) streams without a row cap and without holding more than one batch. Keyset paging on
 * (date, id) as a row comparison, which the (date DESC, id DESC) index serves from where the last batch ended.
 * Authorised and validated before the first batch.
 */
export async function incomeRowBatches(viewer: Viewer, query: unknown, batchSize = 5_000): Promise<AsyncGenerator<IncomeEntryDto[]>> {
  authorize(viewer, "income.export");
  const q = parseInput(incomeQuerySchema, query);
  const conds = ledgerFilter(viewer, q, "income.export");
  return (async function* () {
    let after: { date: string; id: number } | null = null;
    for (;;) {
      const page = after ? [...conds, Prisma.sql`(e.date, e.id) < (${after.date}::date, ${after.id})`] : conds;
      const records = await ledgerRows(page, { limit: batchSize });
      if (records.length === 0) return;
      yield records.map(entryDto);
      if (records.length < batchSize) return;
      const last = records[records.length - 1];
      after = { date: isoDate(last.date), id: last.id };
    }
  })();
}

/** One household's ledger (the API's GET /households/{id}/income): refused for households outside the viewer's scope. */
export async function listHouseholdIncome(viewer: Viewer, householdId: number, query: Record<string, unknown> = {}) {
  await readableHousehold(viewer, householdId);
  return listIncomeEntries(viewer, { ...query, householdId });
}

/**
 * Records one income entry (the ledger's rules: lib/income/ledger.ts). With an idempotency key, a repeat answers the
 * entry written the first time (lib/idempotency.ts).
 */
export async function createIncomeEntry(viewer: Viewer, input: unknown, opts: { idempotency?: Idempotency } = {}) {
  return onceFor(opts.idempotency, (guard) => createIncomeEntryOnce(viewer, input, guard));
}

async function createIncomeEntryOnce(viewer: Viewer, input: unknown, guard: IdempotencyGuard) {
  authorize(viewer, "income.create");
  const data = parseInput(newIncomeEntrySchema, input);
  const household = await readableHousehold(viewer, data.householdId).catch((e: unknown) => {
    // A household id that does not exist is a field error on the form, not a missing page.
    if (e instanceof AppError && e.code === "NOT_FOUND") throw invalid({ householdId: { key: "income.validation.unknownHousehold" } });
    throw e;
  });
  authorize(viewer, "income.create", { stationId: household.stationId });
  return db.$transaction(async (tx) => {
    await guard.claim(tx);
    const [created] = await appendLedgerEntries(tx, viewer, [{ ...data, note: data.note ?? null }]);
    const entry = entryDto(await tx.incomeEntry.findUniqueOrThrow({ where: { id: created.id }, include: ENTRY_INCLUDE }));
    await writeAudit(tx, viewer, { action: "create", entity: "IncomeEntry", entityId: entry.id, after: entry });
    return guard.done(tx, entry);
  });
}

/**
 * Corrects a mistake: appends the reversing entry (same date, negated amount, linked, with the reason). A reversal
 * cannot be reversed, an entry is reversed at most once, and an entry from a sale is corrected by reversing the sale.
 */
export async function reverseIncomeEntry(viewer: Viewer, entryId: number, input: unknown) {
  authorize(viewer, "income.reverse");
  if (!Number.isInteger(entryId) || entryId < 1) throw notFound();
  const { reason } = parseInput(reversalSchema, input);
  const original = await db.incomeEntry.findUnique({ where: { id: entryId }, include: ENTRY_INCLUDE });
  if (!original) throw notFound();
  const household = await readableHousehold(viewer, original.householdId);
  authorize(viewer, "income.reverse", { stationId: household.stationId });
  if (original.saleId !== null && original.reversesId === null) throw conflict({ key: "income.errors.saleLinked" });
  try {
    return await db.$transaction(async (tx) => {
      const [reversal] = await reverseLedgerEntries(tx, viewer, [entryId], reason);
      const dto = entryDto(await tx.incomeEntry.findUniqueOrThrow({ where: { id: reversal.id }, include: ENTRY_INCLUDE }));
      await writeAudit(tx, viewer, { action: "reverse", entity: "IncomeEntry", entityId: entryId, before: entryDto(original), after: dto });
      return dto;
    });
  } catch (error) {
    // Two people reversing the same entry at once: the unique reversesId lets only one through.
    if (isUniqueViolation(error)) throw conflict({ key: "errors.alreadyReversed" });
    throw error;
  }
}

/** One entry with its reversal link, for the reversal dialog and the API. */
export async function getIncomeEntry(viewer: Viewer, entryId: number) {
  authorize(viewer, "income.read");
  if (!Number.isInteger(entryId) || entryId < 1) throw notFound();
  const entry = await db.incomeEntry.findUnique({ where: { id: entryId }, include: ENTRY_INCLUDE });
  if (!entry) throw notFound();
  await readableHousehold(viewer, entry.householdId);
  return entryDto(entry);
}

/**
 * Everything the household page shows, in five queries: the household (authorised), its years with their lines and
 * assessments, and the newest `limit` ledger entries with the household's entry count and net total.
 */
export async function householdOverview(viewer: Viewer, householdId: number, limit = 100) {
  const household = await getHousehold(viewer, householdId);
  const where = { householdId };
  const [years, entries, totals] = await Promise.all([
    yearsFor(household),
    ledgerRows([Prisma.sql`e."householdId" = ${householdId}`], { limit }),
    db.incomeEntry.aggregate({ where, _count: { _all: true }, _sum: { amountFen: true } }),
  ]);
  return { household, years, ledger: { rows: entries.map(entryDto), total: totals._count._all, sumFen: Number(totals._sum.amountFen ?? 0) } };
}
