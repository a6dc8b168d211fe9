import { z } from "zod";
import { MAX_ENTRY_FEN, blankToUndefined, dateFilterSchema, fenSchema, idSchema, optional, optionalIdSchema, optionalText, pageSchema, pageSizeSchema, pastDateSchema, searchText, text, yuanSchema } from "./primitives";


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

/**
 * A new (normal) ledger entry. The API sends `amountFen` (integer fen); forms and imports send `amount` in yuan with
 * up to two decimals. Zero and negative amounts are refused: only a reversal (made by the system) is negative. The
 * rules that need the household (not before its registration year) are the ledger's (lib/income/ledger.ts).
 */
export const newIncomeEntrySchema = z
  .object({
    householdId: idSchema,
    date: pastDateSchema,
    category: z.enum(INCOME_CATEGORIES),
    source: z.enum(INCOME_SOURCES),
    amountFen: z.unknown().optional(),
    amount: z.unknown().optional(),
    note: optionalText(500),
  })
  // The amount is checked even when another field is wrong (`when`), so a form shows every field's error at once.
  .superRefine((v, ctx) => {
    const problem = amountProblem(v);
    if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message, params: problem.params });
  }, { when: () => true })
  .transform((v) => {
    const { amount: _a, amountFen: _f, ...rest } = v;
    return { ...rest, amountFen: amountOf(v).data as number };
  });

type AmountFields = { amountFen?: unknown; amount?: unknown };

function amountOf(v: AmountFields) {
  const byFen = blankToUndefined(v.amountFen) !== undefined;
  const checked = (byFen ? fenSchema(MAX_ENTRY_FEN) : yuanSchema(MAX_ENTRY_FEN)).safeParse(byFen ? v.amountFen : v.amount, { reportInput: true });
  return { byFen, ...checked };
}

/** What is wrong with the amount (fen from the API, yuan from forms and imports), as a field message; null when fine. */
function amountProblem(input: unknown): { field: string; message: string; params?: Record<string, unknown> } | null {
  const v = (input && typeof input === "object" ? input : {}) as AmountFields;
  const checked = amountOf(v);
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  const missing = !checked.byFen && blankToUndefined(v.amount) === undefined;
  return {
    field: checked.byFen ? "amountFen" : "amount",
    message: missing ? "validation.required" : issue.code === "custom" ? issue.message : "validation.invalid",
    params: (issue as { params?: Record<string, unknown> }).params,
  };
}
export type NewIncomeEntryInput = z.output<typeof newIncomeEntrySchema>;

export const reversalSchema = z.object({ reason: text(500) });

export const LEDGER_PAGE_SIZES = [20, 50, 100, 200] as const;

/** Ledger filters: shared by the page, the API and the export. */
export const incomeQuerySchema = z.object({
  householdId: optionalIdSchema,
  q: searchText(50),
  stationId: optionalIdSchema,
  category: optional(z.enum(INCOME_CATEGORIES)),
  source: optional(z.enum(INCOME_SOURCES)),
  from: dateFilterSchema,
  to: dateFilterSchema,
  page: pageSchema,
  pageSize: pageSizeSchema(LEDGER_PAGE_SIZES, 50),
});
export type IncomeQuery = z.infer<typeof incomeQuerySchema>;
