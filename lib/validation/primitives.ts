// The input primitives every schema is built from: ids, numbers, text, dates, money, phones, booleans, paging and
// searches. The same schemas take JSON from the API, strings from HTML forms and URLs, and cells from spreadsheets:
// blank means "not given", numbers may arrive as text. One definition each; nothing else parses these by hand.
import { z } from "zod";
import { countyToday } from "../format";
import { normaliseNumberText, yuanToFen } from "./money";
import { invalid } from "../errors";

// In the browser (client forms import these schemas for their option lists and checks), zod must not probe for
// eval: its JIT test runs `new Function("")`, which our Content-Security-Policy refuses and reports as a violation.
// The server keeps the JIT (large imports parse faster with it). This module is imported by every schema module
// before their bodies run, so the setting precedes the first schema.
if (typeof window !== "undefined") z.config({ jitless: true });

// ---- blanks and numbers ------------------------------------------------------------------------------------------

/** "" / null / whitespace from forms and spreadsheets mean "not given". */
export const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Numbers from forms, URLs and spreadsheets arrive as text: "12" → 12; blanks → undefined (so "required").
 * Full-width digits and Chinese punctuation are read too (normaliseNumberText): "１２００" → 1200, "１，２００。５" →
 * 1200.5. A comma is taken as a thousands separator only where that is unambiguous (groups of three digits after
 * the first: "1,200" yes, "1,5" no: that text stays as it is and the schema reports it).
 */
export const toNumber = (v: unknown) => {
  const b = blankToUndefined(v);
  if (typeof b !== "string") return b;
  const s = normaliseNumberText(b).trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ""));
  return b;
};

/** An integer, given as a number or a string of digits. */
export const int = () => z.preprocess(toNumber, z.number().int());

/** An optional filter or field: blank → undefined, else validated by the schema. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
}

// ---- ids ---------------------------------------------------------------------------------------------------------

/** Ids are PostgreSQL int4: a larger number is invalid input (400), never a database error. */
export const MAX_ID = 2_147_483_647;
const idNumber = z.number().int().positive().max(MAX_ID);

/** A database id: a positive int4, given as a number or a string of digits. */
export const idSchema = z.preprocess(toNumber, idNumber);
/** An id that may be left out (or given as "" / null). */
export const optionalIdSchema = z.preprocess(toNumber, idNumber.optional());
/** An id that may be cleared: "" / null → null, absent → undefined. */
export const nullableIdSchema = z.preprocess((v) => (v === "" || v === null ? null : toNumber(v)), idNumber.nullable().optional());

/** An id from a URL path or a caller: a positive int4, else a field error on `field` (400, never a database error). */
export function assertId(id: unknown, field = "id"): asserts id is number {
  if (typeof id !== "number" || !Number.isInteger(id) || id < 1 || id > MAX_ID) throw invalid({ [field]: { key: "validation.id" } });
}

/** A path parameter as an id (see assertId). */
export function parseId(value: unknown, field = "id"): number {
  const n = typeof value === "string" && /^\d{1,12}$/.test(value) ? Number(value) : value;
  assertId(n, field);
  return n;
}

/** A list given as an array (JSON) or as repeated form values; duplicates dropped. */
export function idListSchema(max: number) {
  return z.array(idSchema).max(max).transform((ids) => [...new Set(ids)]);
}

// ---- text --------------------------------------------------------------------------------------------------------

/** NUL cannot be stored by PostgreSQL, a lone UTF-16 surrogate is not text: both are refused, never a 500. */
export function hasBadCharacters(s: string): boolean {
  // A high surrogate (D800–DBFF) not followed by a low one, or a low surrogate (DC00–DFFF) not preceded by a high one.
  return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** A string without NUL or lone surrogates (not trimmed: for passwords). */
export const safeString = () => z.string().refine((s) => !hasBadCharacters(s), { message: "validation.badCharacters" });

/** Required text: trimmed, 1–max characters. */
export function text(max: number, min = 1) {
  return safeString().transform((s) => s.trim()).pipe(z.string().min(min).max(max));
}

/** Optional text: trimmed; blank → undefined. */
export function optionalText(max: number) {
  return z.preprocess(blankToUndefined, text(max).optional());
}

/** Text that may be cleared: blank / null → null, absent → undefined. */
export function nullableText(max: number) {
  return z.preprocess((v) => (v === null || (typeof v === "string" && v.trim() === "") ? null : v), text(max).nullable().optional());
}

/** A search box: optional, trimmed, at most `max` characters. */
export const searchText = (max = 50) => optionalText(max);

/** A search term for SQL LIKE (Prisma's contains/startsWith included): %, _ and \ match only themselves. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A record code (station, product): upper-cased, 1–max characters of A–Z, 0–9 and "-". */
export function codeSchema(max: number, formatKey: string) {
  return text(max)
    .transform((v) => v.toUpperCase())
    .refine((v) => /^[A-Z0-9-]+$/.test(v), { message: formatKey });
}

/** A record code given as a filter (a station's or an area's code in a URL): optional, letters, digits and "-". */
export const codeFilterSchema = optional(text(20).refine((v) => /^[A-Za-z0-9-]+$/.test(v), { message: "validation.invalid" }));

/** A calendar year the system can hold figures for. */
export const yearNumberSchema = z.preprocess(toNumber, z.number().int().min(2000).max(2100));

/** An email address, lower-cased. */
export const emailSchema = safeString().transform((s) => s.trim().toLowerCase()).pipe(z.email().max(254));

/** A phone number as people write it: digits, spaces, + - ( ), 5–20 characters. */
export const phoneSchema = z.preprocess(
  (v) => (v === null || (typeof v === "string" && v.trim() === "") ? null : v),
  text(20).refine((v) => /^\+?[0-9\-() ]{5,20}$/.test(v), { message: "validation.phone" }).nullable().optional(),
);

// ---- booleans ----------------------------------------------------------------------------------------------------

/** Checkboxes send "on"; JSON sends booleans; spreadsheets say 是/否, yes/no, 1/0. Absent → false. */
export const boolish = z.preprocess((v) => {
  if (typeof v === "boolean") return v;
  if (v === undefined || v === null || v === "") return false;
  const s = String(v).trim().toLowerCase();
  if (["on", "true", "1", "yes", "y", "是", "√", "✓"].includes(s)) return true;
  if (["off", "false", "0", "no", "n", "否", "×", "✗"].includes(s)) return false;
  return v;
}, z.boolean());

// ---- dates -------------------------------------------------------------------------------------------------------

/** "YYYY-MM-DD" → the @db.Date value (UTC midnight), or null when it is not a real calendar date. */
export function parseIsoDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

/** YYYY-MM-DD as is; YYYY/M/D, YYYY.M.D and YYYY年M月D日 as typed in spreadsheets; Excel's Date cells. */
function normaliseDate(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? v : v.toISOString().slice(0, 10);
  if (typeof v !== "string") return v;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.trim());
  return m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : v.trim();
}

/** The earliest date the system takes (the registry began in 2013; nothing before 2000 is a real entry). */
export const FIRST_DATE = "2000-01-01";

const isoDateText = z.preprocess(
  normaliseDate,
  z
    .string()
    .min(1)
    .refine((s) => parseIsoDate(s) !== null, { message: "validation.date" })
    .refine((s) => s >= FIRST_DATE, { message: "validation.date" }),
);

/** A calendar date (from 2000 on) as a UTC-midnight Date. */
export const calendarDateSchema = isoDateText.transform((s) => parseIsoDate(s)!);

/** A calendar date that is not in the future (county time, Asia/Shanghai). */
export const pastDateSchema = isoDateText.refine((s) => s <= countyToday(), { message: "validation.futureDate" }).transform((s) => parseIsoDate(s)!);

/** A date filter: optional, kept as the YYYY-MM-DD text. */
export const dateFilterSchema = z.preprocess(blankToUndefined, isoDateText.optional());

// ---- money -------------------------------------------------------------------------------------------------------

/** A single ledger entry is at most ¥1,000,000 in absolute value: anything larger is a typing mistake. */
export const MAX_ENTRY_FEN = 100_000_000;
/** A sale (and a product price) is at most ¥10,000,000 (1,000,000,000 fen, which fits a 32-bit Int). */
export const MAX_FEN = 1_000_000_000;

/** Money in integer fen, more than zero, at most `max`. Accepts fen as a number or a string of digits. */
export function fenSchema(max: number = MAX_FEN) {
  return z.preprocess(
    toNumber,
    z
      .number()
      .refine((v) => Number.isInteger(v), { message: "validation.wholeFen" })
      .refine((v) => v > 0, { message: "validation.positiveMoney" })
      .refine((v) => v <= max, { message: "validation.moneyTooLarge", params: { max: (max / 100).toLocaleString("en-US") } }),
  );
}

/**
 * Yuan as typed in a form or a spreadsheet ("12", "12.5", "1,234.56", "¥12.30") → fen, then the same checks as
 * fenSchema; text that is not an amount with at most two decimals says so on the field.
 */
export function yuanSchema(max: number = MAX_FEN) {
  return z
    .unknown()
    .transform((v, ctx) => {
      if (typeof v === "number") return Math.round(v * 100);
      const fen = yuanToFen(v as string | null | undefined);
      if (typeof fen === "string") {
        ctx.addIssue({ code: "custom", message: "validation.yuanFormat" });
        return z.NEVER;
      }
      return fen;
    })
    .pipe(fenSchema(max));
}

// ---- paging ------------------------------------------------------------------------------------------------------

export const MAX_PAGE = 100_000;
export const pageSchema = z.preprocess(toNumber, z.number().int().min(1).max(MAX_PAGE).default(1));

/** A page size from a fixed list. */
export function pageSizeSchema(allowed: readonly number[], fallback: number) {
  return z.preprocess(toNumber, z.number().int().refine((n) => allowed.includes(n), { message: "validation.pageSize" }).default(fallback));
}
