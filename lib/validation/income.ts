import { z } from "zod";
import { MAX_ID, toNumber } from "./households";
import { countyToday } from "../format";


export const INCOME_CATEGORIES = ["WAGE", "OPERATING", "PROPERTY", "TRANSFER"] as const;
export const INCOME_SOURCES = ["ECOMMERCE_SALE", "STATION_JOB", "MIGRANT_WORK", "FARMING", "SUBSIDY", "DIVIDEND", "OTHER"] as const;
export type IncomeSourceKey = (typeof INCOME_SOURCES)[number];
export type IncomeCategoryKey = (typeof INCOME_CATEGORIES)[number];

/** The usual category of each source: the entry form pre-selects it (the operator can still change it). */
export const SOURCE_CATEGORY: Record<IncomeSourceKey, IncomeCategoryKey> = {
  ECOMMERCE_SALE: "OPERATING",
  STATION_JOB: "WAGE",
  MIGRANT_WORK: "WAGE",
  FARMING: "OPERATING",
  SUBSIDY: "TRANSFER",
  DIVIDEND: "PROPERTY",
  OTHER: "TRANSFER",
};

/** A single ledger entry is at most ¥1,000,000 in absolute value: anything larger is a typing mistake. */
export const MAX_ENTRY_FEN = 100_000_000;

/** "YYYY-MM-DD" → the @db.Date value (UTC midnight), or null when it is not a real calendar date. */
export function parseIsoDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

/** A calendar date, not in the future (county time). Accepts YYYY-MM-DD, and YYYY/M/D as typed in spreadsheets. */
export const pastDateSchema = z.preprocess(
  (v) => {
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? v : v.toISOString().slice(0, 10);
    if (typeof v !== "string") return v;
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.trim());
    return m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : v.trim();
  },
  z
    .string()
    .min(1)
    .refine((s) => parseIsoDate(s) !== null, { message: "validation.date" })
    .refine((s) => s <= countyToday(), { message: "income.validation.futureDate" })
    .transform((s) => parseIsoDate(s)!),
);

/**
 * Yuan as typed ("12", "12.5", "1,234.56", "¥12.30") → integer fen, without floating point; null when it is not an
 * amount with at most two decimals.
 */
export function yuanToFen(input: string): number | null {
  const s = input.trim().replace(/^[¥￥]/, "").replace(/,/g, "").trim();
  const m = /^(-)?(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -fen : fen;
}

/** Integer fen → "1234.56" (for forms and exports, not for display: display uses formatYuan). */
export function fenToYuanString(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const amountFenSchema = z
  .number()
  .int()
  .refine((n) => n > 0, { message: "income.validation.positive" })
  .refine((n) => n <= MAX_ENTRY_FEN, { message: "income.validation.cap" });

/**
 * A new (normal) ledger entry. The API sends `amountFen` (integer fen); forms and imports send `amount` in yuan with
 * up to two decimals. Zero and negative amounts are refused: only a reversal (made by the system) is negative.
 */
export const newIncomeEntrySchema = z
  .object({
    householdId: z.preprocess(toNumber, z.number().int().positive().max(MAX_ID)),
    date: pastDateSchema,
    category: z.enum(INCOME_CATEGORIES),
    source: z.enum(INCOME_SOURCES),
    amountFen: z.unknown().optional(),
    amount: z.unknown().optional(),
    note: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().max(500).optional()),
  })
  .transform((v, ctx) => {
    let fen: unknown = v.amountFen;
    let field = "amountFen";
    if (v.amountFen === undefined || v.amountFen === null || v.amountFen === "") {
      field = "amount";
      if (v.amount === undefined || v.amount === null || String(v.amount).trim() === "") {
        ctx.addIssue({ code: "custom", path: ["amount"], message: "validation.required" });
        return z.NEVER;
      }
      fen = yuanToFen(String(v.amount));
      if (fen === null) {
        ctx.addIssue({ code: "custom", path: ["amount"], message: "income.validation.yuanFormat" });
        return z.NEVER;
      }
    }
    const checked = amountFenSchema.safeParse(fen);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      ctx.addIssue({ code: "custom", path: [field], message: issue.code === "custom" ? issue.message : "validation.invalid" });
      return z.NEVER;
    }
    const { amount: _a, amountFen: _f, ...rest } = v;
    return { ...rest, amountFen: checked.data };
  });
export type NewIncomeEntryInput = z.output<typeof newIncomeEntrySchema>;

export const reversalSchema = z.object({ reason: z.string().trim().min(1).max(500) });

export const LEDGER_PAGE_SIZES = [20, 50, 100, 200] as const;

/** Ledger filters: shared by the page, the API and the export. */
export const incomeQuerySchema = z.object({
  householdId: z.preprocess(toNumber, z.number().int().positive().max(MAX_ID).optional()),
  q: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().max(50).optional()),
  stationId: z.preprocess(toNumber, z.number().int().positive().max(MAX_ID).optional()),
  category: z.preprocess((v) => (v === "" ? undefined : v), z.enum(INCOME_CATEGORIES).optional()),
  source: z.preprocess((v) => (v === "" ? undefined : v), z.enum(INCOME_SOURCES).optional()),
  from: z.preprocess((v) => (v === "" ? undefined : v), z.string().refine((s) => parseIsoDate(s) !== null, { message: "validation.date" }).optional()),
  to: z.preprocess((v) => (v === "" ? undefined : v), z.string().refine((s) => parseIsoDate(s) !== null, { message: "validation.date" }).optional()),
  page: z.preprocess(toNumber, z.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(
    toNumber,
    z.number().int().refine((n) => (LEDGER_PAGE_SIZES as readonly number[]).includes(n), { message: "households.validation.pageSize" }).default(50),
  ),
});
export type IncomeQuery = z.infer<typeof incomeQuerySchema>;
