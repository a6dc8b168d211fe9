import { z } from "zod";
import { ListingStatus, Platform, ProductCategory } from "../generated/prisma/enums";
import { calendarDateSchema, codeSchema, fenSchema, idListSchema, optional, optionalIdSchema, optionalText, toNumber } from "./form-fields";

export const productCodeSchema = codeSchema(30, "products.errors.codeFormat");

const urlSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z
    .string()
    .trim()
    .max(500)
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), { message: "products.errors.url" })
    .nullable()
    .optional(),
);

export const listingSchema = z.object({
  platform: z.enum(Platform),
  status: z.enum(ListingStatus),
  url: urlSchema,
  listedOn: optional(calendarDateSchema),
});

const booleanSchema = z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" ? false : v), z.boolean());

const base = z.object({
  code: productCodeSchema,
  name: z.string().trim().min(1).max(100),
  nameEn: optionalText(100),
  category: z.enum(ProductCategory),
  unit: z.string().trim().min(1).max(20),
  priceFen: fenSchema,
  stationId: optionalIdSchema, // the sourcing station
  active: booleanSchema,
  supplierHouseholdIds: idListSchema(1000),
  listings: z.array(listingSchema).max(Object.keys(Platform).length),
});

function oneListingPerPlatform(v: { listings?: { platform: string }[] }, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  (v.listings ?? []).forEach((l, i) => {
    if (seen.has(l.platform)) ctx.addIssue({ code: "custom", path: ["listings", i, "platform"], message: "products.errors.duplicatePlatform" });
    seen.add(l.platform);
  });
}

export const createProductSchema = base
  .extend({ active: booleanSchema.optional(), supplierHouseholdIds: base.shape.supplierHouseholdIds.optional(), listings: base.shape.listings.optional() })
  .superRefine(oneListingPerPlatform);

/**
 * A partial update: fields left out keep their value; supplierHouseholdIds and listings, when given, replace the lists;
 * addSupplierHouseholdIds / removeSupplierHouseholdIds change the suppliers without resending them all.
 */
export const updateProductSchema = base
  .partial()
  .extend({
    stationId: z.preprocess((v) => (v === "" ? null : toNumber(v)), z.number().int().positive().nullable().optional()), // null: none
    // Products have hundreds of suppliers: the edit form adds and removes some instead of resending the whole list.
    addSupplierHouseholdIds: idListSchema(1000).optional(),
    removeSupplierHouseholdIds: idListSchema(1000).optional(),
  })
  .superRefine(oneListingPerPlatform);

export const productQuerySchema = z.object({
  q: optional(z.string().trim().max(50)),
  category: optional(z.enum(ProductCategory)),
  stationId: optional(z.coerce.number().int().positive()),
  platform: optional(z.enum(Platform)),
  active: optional(z.enum(["true", "false"])),
});
