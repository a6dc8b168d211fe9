import { z } from "zod";
import { Platform } from "../generated/prisma/enums";
import { calendarDateSchema, fenSchema, idSchema, optional, optionalIdSchema, optionalText, pageSchema, pastDateSchema, searchText, text } from "./primitives";
import { normaliseNumberText } from "./money";

/** Up to 999,999,999.999 units with at most three decimals (the column is Decimal(12,3)); more than zero. */
export const quantitySchema = z.preprocess(
  (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? normaliseNumberText(v).trim() : v),
  z
    .string()
    .min(1)
    .superRefine((v, ctx) => {
      const n = Number(v);
      if (!Number.isFinite(n)) ctx.addIssue({ code: "custom", message: "validation.invalid" });
      else if (n <= 0) ctx.addIssue({ code: "custom", message: "sales.errors.quantityPositive" });
      else if (!/^\d{1,9}(\.\d{1,3})?$/.test(v)) ctx.addIssue({ code: "custom", message: "sales.errors.quantityFormat" });
    }),
);

export const MAX_SUPPLIERS = 100;

export const supplierSchema = z.object({ householdId: idSchema, payoutFen: fenSchema() });

/** A sale and its supplier households' payouts (each > 0, a household at most once, together ≤ the amount). */
export const saleInputSchema = z
  .object({
    productId: idSchema,
    stationId: idSchema,
    channel: z.enum(Platform),
    date: pastDateSchema,
    quantity: quantitySchema,
    amountFen: fenSchema(),
    note: optionalText(500),
    suppliers: z.array(supplierSchema).max(MAX_SUPPLIERS).default([]),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.suppliers.forEach((s, i) => {
      if (seen.has(s.householdId)) ctx.addIssue({ code: "custom", path: ["suppliers", i, "householdId"], message: "sales.errors.duplicateSupplier" });
      seen.add(s.householdId);
    });
    const payouts = v.suppliers.reduce((sum, s) => sum + s.payoutFen, 0);
    if (payouts > v.amountFen) ctx.addIssue({ code: "custom", path: ["suppliers"], message: "sales.errors.payoutsExceedAmount" });
  });

export type SaleInput = z.infer<typeof saleInputSchema>;

export const reversalSchema = z.object({ reason: text(500) });

export const SALE_STATES = ["active", "reversed"] as const;

export const salesQuerySchema = z.object({
  stationId: optionalIdSchema,
  productId: optionalIdSchema,
  householdId: optionalIdSchema,
  channel: optional(z.enum(Platform)),
  from: optional(calendarDateSchema),
  to: optional(calendarDateSchema),
  state: optional(z.enum(SALE_STATES)),
  page: pageSchema,
});

export type SalesQuery = z.infer<typeof salesQuerySchema>;

/** The household picker's search: a code or name fragment, for a station. */
export const supplierSearchSchema = z.object({
  q: searchText(50),
  stationId: optionalIdSchema,
});
