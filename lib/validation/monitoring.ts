// Inputs of relapse-prevention monitoring (lib/monitoring): hardship reports, cases and their steps, measures and
// closing, and the list filters. Built only from the shared primitives.
import { z } from "zod";
import {
  blankToUndefined, codeFilterSchema, fenSchema, idSchema, MAX_ENTRY_FEN, nullableText, optional, optionalIdSchema, pageSchema, pageSizeSchema,
  pastDateSchema, text, yearNumberSchema, yuanSchema,
} from "./primitives";

export const HARDSHIP_TYPES = ["ILLNESS", "DISABILITY", "DISASTER", "ACCIDENT", "OTHER"] as const;
export const CASE_TYPES = ["UNSTABLE_EXITED", "MARGINAL", "SUDDEN_HARDSHIP"] as const;
export const RISK_TYPES = ["ILLNESS", "DISABILITY", "SCHOOLING", "DISASTER", "ACCIDENT", "INCOME_DROP", "ECOMMERCE_LOSS", "EMPLOYMENT", "HOUSING", "WATER", "OTHER"] as const;
export const CASE_STATUSES = ["IDENTIFYING", "MONITORED", "ELIMINATED", "CLOSED"] as const;
export const CASE_PHASES = ["IDENTIFICATION", "ELIMINATION"] as const;
/** The steps of identification, and again of elimination, in their order. */
export const CASE_STEPS = ["HOME_VISIT", "VILLAGE_REVIEW", "PUBLIC_NOTICE", "TOWNSHIP_REVIEW", "COUNTY_APPROVAL"] as const;
export const MEASURE_KINDS = ["INDUSTRY", "EMPLOYMENT", "ECOMMERCE", "PUBLIC_WELFARE_JOB", "MEDICAL", "EDUCATION", "HOUSING", "SOCIAL_SECURITY"] as const;
export const WARNING_RULE_VALUES = ["LOW_INCOME", "ECOM_DROP", "NO_SALES", "GUARANTEE_LOST", "HARDSHIP"] as const;
export const MAX_RISK_TYPES = 5;

/** A hardship report: type, date (not in the future), the shock's cost if known, a note. */
export const hardshipSchema = z.object({
  type: z.enum(HARDSHIP_TYPES),
  date: pastDateSchema,
  amountFen: optional(fenSchema(MAX_ENTRY_FEN)),
  note: nullableText(500).transform((v) => v ?? null),
});

/** The same from the household page's form: the cost typed in yuan. */
export const hardshipFormSchema = hardshipSchema.omit({ amountFen: true }).extend({ amount: optional(yuanSchema(MAX_ENTRY_FEN)) })
  .transform(({ amount, ...rest }) => ({ ...rest, amountFen: amount }));

const riskTypesSchema = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(RISK_TYPES)).min(1).transform((a) => [...new Set(a)]).pipe(z.array(z.enum(RISK_TYPES)).max(MAX_RISK_TYPES)),
);

/** Opening a case: from a warning (its rule and year) or directly (without them). */
export const openCaseSchema = z
  .object({
    householdId: idSchema,
    type: z.enum(CASE_TYPES),
    riskTypes: riskTypesSchema,
    openedOn: pastDateSchema,
    warningRule: optional(z.enum(WARNING_RULE_VALUES)),
    warningYear: optional(yearNumberSchema),
    note: nullableText(500).transform((v) => v ?? null),
  })
  .superRefine((c, ctx) => {
    if ((c.warningRule === undefined) !== (c.warningYear === undefined)) ctx.addIssue({ code: "custom", path: [c.warningRule === undefined ? "warningRule" : "warningYear"], message: "validation.required" });
  });

const actorSchema = text(100);

/** One change to a case (PATCH): a step, a measure, or closing it. */
export const caseChangeSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("step"),
    phase: z.enum(CASE_PHASES),
    step: z.enum(CASE_STEPS),
    date: pastDateSchema,
    actor: actorSchema,
    note: nullableText(500).transform((v) => v ?? null),
  }),
  z.object({
    action: z.literal("measure"),
    kind: z.enum(MEASURE_KINDS),
    date: pastDateSchema,
    stationId: optionalIdSchema,
    actor: actorSchema,
    note: nullableText(500).transform((v) => v ?? null),
  }),
  z.object({ action: z.literal("close"), date: pastDateSchema, reason: text(500) }),
]);
export type CaseChange = z.infer<typeof caseChangeSchema>;

export const WARNING_LEVELS = ["county", "township", "village", "station", "household"] as const;

/** The warning list: a year, a drill-down level under a parent area's code, a station, a rule. */
export const warningQuerySchema = z.object({
  year: optional(yearNumberSchema),
  level: z.preprocess(blankToUndefined, z.enum(WARNING_LEVELS).default("county")),
  parent: codeFilterSchema,
  station: codeFilterSchema,
  rule: optional(z.enum(WARNING_RULE_VALUES)),
  page: pageSchema,
  pageSize: pageSizeSchema([20, 50, 100], 50),
});

export const caseQuerySchema = z.object({
  status: optional(z.enum(CASE_STATUSES)),
  type: optional(z.enum(CASE_TYPES)),
  householdId: optionalIdSchema,
  station: codeFilterSchema,
  page: pageSchema,
  pageSize: pageSizeSchema([20, 50, 100], 50),
});

/** area: a township's or a village's code (the drill-down); none: the county (or the station). */
export const summaryQuerySchema = z.object({ year: optional(yearNumberSchema), station: codeFilterSchema, area: codeFilterSchema });
