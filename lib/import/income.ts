// Income import: rows validated with the same rules as the entry form, a per-row report, all or nothing, through
// appendLedgerEntries. Idempotent on the entry's external reference: a reference already in the ledger for the same
// household, date and amount is skipped; used for a different entry, it is an error. Rows without a reference get
// one derived from their content (and their occurrence in the file), so re-importing the same file is still a no-op.
import { createHash } from "node:crypto";
import { db } from "../db";
import { writeAudit } from "../audit";
import { readScope } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { newIncomeEntrySchema, SOURCE_CATEGORY, type NewIncomeEntryInput } from "../validation/income";
import { appendLedgerEntries, firstLedgerDate, type NewLedgerEntry } from "../income/ledger";
import { enumLookup, matchColumns, rowObjects, type Column } from "./columns";
import { readTable } from "./read";
import { previewOf, rowErrors, type ImportReport, type RowError } from "./report";

export const INCOME_COLUMNS: readonly Column[] = [
  { key: "householdCode", zh: "户编号", en: "Household code", aliases: ["户码", "户号", "household"], required: true },
  { key: "headName", zh: "户主姓名", en: "Head of household", aliases: ["户主", "姓名"] },
  { key: "date", zh: "日期", en: "Date", aliases: ["收入日期", "入账日期"], required: true },
  { key: "source", zh: "收入来源", en: "Source", aliases: ["来源"], required: true },
  { key: "category", zh: "收入类别", en: "Category", aliases: ["类别"] },
  { key: "amount", zh: "金额（元）", en: "Amount (yuan)", aliases: ["金额", "收入", "amount"], required: true },
  { key: "note", zh: "备注", en: "Note", aliases: ["说明"] },
  { key: "externalRef", zh: "外部编号", en: "Reference", aliases: ["参考号", "单号", "流水号", "external ref", "externalRef", "ref"] },
];

const sourceOf = enumLookup("IncomeSource");
const categoryOf = enumLookup("IncomeCategory");
const CHUNK = 2000;

type Prepared = { row: number; entry: NewIncomeEntryInput & { externalRef: string } };

function derivedRef(e: NewIncomeEntryInput, code: string, occurrence: number): string {
  const key = [code, e.date.toISOString().slice(0, 10), e.category, e.source, e.amountFen, e.note ?? "", occurrence].join("|");
  return `auto:${createHash("sha256").update(key).digest("hex").slice(0, 40)}`;
}

/** Validates (and, with `commit`, writes) an income file. An OPERATOR may import only for their station's households. */
export async function importIncome(viewer: Viewer, bytes: Uint8Array, opts: { commit: boolean }): Promise<ImportReport> {
  const scope = readScope(viewer, "income.import");
  const table = await readTable(bytes);
  const { keys } = matchColumns(table.headers, INCOME_COLUMNS);
  const headerOf = (key: string) => table.headers[keys.indexOf(key)] ?? null;
  const records = rowObjects(table.rows, keys);

  const codes = [...new Set(records.map((r) => (r.householdCode ?? "").trim()).filter(Boolean))];
  const households = new Map<string, { id: number; stationId: number | null; registeredYear: number }>();
  if (codes.length) {
    // One JSON parameter: large IN lists are slow through Prisma's query compiler.
    const found = await db.$queryRawUnsafe<{ id: number; code: string; stationId: number | null; registeredYear: number }[]>(
      `SELECT "id", "code", "stationId", "registeredYear" FROM "Household" WHERE "code" IN (SELECT json_array_elements_text($1::json))`,
      JSON.stringify(codes),
    );
    for (const h of found) households.set(h.code, h);
  }

  const errors: RowError[] = [];
  const prepared: Prepared[] = [];
  const occurrences = new Map<string, number>();
  const refRow = new Map<string, number>();

  records.forEach((r, i) => {
    const row = table.rowNumbers[i];
    const before = errors.length;
    const err = (key: string, msgKey: string, values?: Record<string, string | number>) => errors.push({ row, column: headerOf(key), message: { key: msgKey, values } });
    const code = (r.householdCode ?? "").trim();
    const household = households.get(code);
    // Another station's household reads as unknown to an operator: the file does not learn what exists elsewhere.
    if (!code) err("householdCode", "validation.required");
    else if (!household || (scope !== null && household.stationId !== scope)) err("householdCode", "income.validation.unknownHousehold");
    const source = r.source?.trim() ? sourceOf(r.source) ?? r.source : undefined;
    const category = r.category?.trim() ? categoryOf(r.category) ?? r.category : source && source in SOURCE_CATEGORY ? SOURCE_CATEGORY[source as keyof typeof SOURCE_CATEGORY] : undefined;
    const parsed = newIncomeEntrySchema.safeParse({ householdId: household?.id ?? 1, date: r.date, category, source, amount: r.amount, note: r.note }, { reportInput: true });
    if (!parsed.success) {
      errors.push(...rowErrors(row, parsed.error, (f) => headerOf(f === "amountFen" ? "amount" : f), { source: "IncomeSource", category: "IncomeCategory" }));
      return;
    }
    if (household && parsed.data.date < firstLedgerDate(household.registeredYear)) {
      err("date", "income.validation.beforeRegistered", { year: household.registeredYear });
    }
    const ref = (r.externalRef ?? "").trim();
    if (ref.length > 100) err("externalRef", "validation.tooLong", { max: 100 });
    if (errors.length > before || !household) return;
    let externalRef = ref;
    if (!externalRef) {
      const base = derivedRef(parsed.data, code, 0);
      const n = (occurrences.get(base) ?? 0) + 1;
      occurrences.set(base, n);
      externalRef = n === 1 ? base : derivedRef(parsed.data, code, n);
    } else if (refRow.has(externalRef)) {
      err("externalRef", "import.errors.duplicateInFile", { row: refRow.get(externalRef)! });
      return;
    }
    refRow.set(externalRef, row);
    prepared.push({ row, entry: { ...parsed.data, householdId: household.id, externalRef } });
  });

  // Idempotency: references already in the ledger.
  const refs = prepared.map((p) => p.entry.externalRef);
  const existing = new Map<string, { householdId: number; date: Date; amountFen: number }>();
  if (refs.length) {
    const found = await db.$queryRawUnsafe<{ externalRef: string; householdId: number; date: Date; amountFen: number }[]>(
      `SELECT "externalRef", "householdId", "date", "amountFen" FROM "IncomeEntry" WHERE "externalRef" IN (SELECT json_array_elements_text($1::json))`,
      JSON.stringify(refs),
    );
    for (const e of found) existing.set(e.externalRef, { ...e, date: new Date(e.date) });
  }
  const fresh: Prepared[] = [];
  let unchanged = 0;
  for (const p of prepared) {
    const e = existing.get(p.entry.externalRef);
    if (!e) fresh.push(p);
    else if (e.householdId === p.entry.householdId && e.date.getTime() === p.entry.date.getTime() && e.amountFen === p.entry.amountFen) unchanged++;
    else errors.push({ row: p.row, column: headerOf("externalRef"), message: { key: "import.errors.refUsed", values: { ref: p.entry.externalRef } } });
  }
  errors.sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    kind: "income", format: table.format, encoding: table.encoding, preview: previewOf(table, keys), total: records.length, toCreate: fresh.length, unchanged, errors, committed: false,
  };
  if (!opts.commit || errors.length > 0 || fresh.length === 0) return report;

  await db.$transaction(
    async (tx) => {
      const entries: NewLedgerEntry[] = fresh.map(({ entry }) => ({ ...entry, note: entry.note ?? null }));
      let firstId: number | null = null;
      let lastId: number | null = null;
      for (let at = 0; at < entries.length; at += CHUNK) {
        const created = await appendLedgerEntries(tx, viewer, entries.slice(at, at + CHUNK));
        for (const c of created) {
          firstId = firstId === null ? c.id : Math.min(firstId, c.id);
          lastId = lastId === null ? c.id : Math.max(lastId, c.id);
        }
      }
      const totalFen = entries.reduce((s, e) => s + e.amountFen, 0);
      await writeAudit(tx, viewer, { action: "import", entity: "IncomeEntry", after: { rows: records.length, created: entries.length, unchanged, totalFen, firstId, lastId } });
    },
    { maxWait: 30_000, timeout: 5 * 60_000 },
  );
  return { ...report, committed: true };
}
