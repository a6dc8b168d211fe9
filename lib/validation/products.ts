import { z } from "zod";
import { ListingStatus, Platform, ProductCategory } from "../generated/prisma/enums";
import { boolish, calendarDateSchema, codeSchema, fenSchema, idListSchema, idSchema, nullableIdSchema, optional, optionalIdSchema, optionalText, searchText, text } from "./primitives";

export const productCodeSchema = codeSchema(30, "products.errors.codeFormat");

const urlSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  text(500)
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

const base = z.object({
  code: productCodeSchema,
  name: text(100),
  nameEn: optionalText(100),
  category: z.enum(ProductCategory),
  unit: text(20),
  priceFen: fenSchema(),
  stationId: optionalIdSchema, // the sourcing station
  active: boolish,
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
  .extend({ active: boolish.optional(), supplierHouseholdIds: base.shape.supplierHouseholdIds.optional(), listings: base.shape.listings.optional() })
  .superRefine(oneListingPerPlatform);

/**
 * A partial update: fields left out keep their value; supplierHouseholdIds and listings, when given, replace the lists;
 * addSupplierHouseholdIds / removeSupplierHouseholdIds change the suppliers without resending them all.
 */
export const updateProductSchema = base
  .partial()
  .extend({
    stationId: nullableIdSchema, // null: none
    /** The version the editor saw (optimistic locking, as for households and stations). */
    version: idSchema,
    // Products have hundreds of suppliers: the edit form adds and removes some instead of resending the whole list.
    addSupplierHouseholdIds: idListSchema(1000).optional(),
    removeSupplierHouseholdIds: idListSchema(1000).optional(),
  })
  .superRefine(oneListingPerPlatform);

export const productQuerySchema = z.object({
  q: searchText(50),
  category: optional(z.enum(ProductCategory)),
  stationId: optionalIdSchema,
  platform: optional(z.enum(Platform)),
  active: optional(z.enum(["true", "false"])),
});
