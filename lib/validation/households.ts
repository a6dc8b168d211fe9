import { z } from "zod";

import { countyToday } from "../format";
import {
  blankToUndefined, boolish, idSchema, optionalIdSchema, nullableIdSchema, pageSchema, pageSizeSchema, phoneSchema, searchText, text, toNumber,
} from "./primitives";

export const HOUSEHOLD_STATUSES = ["POOR", "EXITED", "MONITORED"] as const;
/** REGISTERED: a registered poor household (建档立卡); MONITORING: entered for relapse monitoring only (never poor). */
export const HOUSEHOLD_KINDS = ["REGISTERED", "MONITORING"] as const;
export const HOUSEHOLD_TYPES = ["GENERAL", "MINIMUM_INCOME", "EXTREME_SUPPORT"] as const;
export const POVERTY_CAUSES = [
  "ILLNESS", "DISABILITY", "SCHOOLING", "DISASTER", "NO_LAND", "NO_WATER", "NO_SKILLS", "NO_LABOUR", "NO_CAPITAL",
  "POOR_TRANSPORT", "WEAK_MOTIVATION",
] as const;
export const GUARANTEES = ["foodClothingSecure", "educationSecure", "medicalSecure", "housingSecure", "waterSecure"] as const;
export type GuaranteeKey = (typeof GUARANTEES)[number];

/** Registration of poor households (建档立卡) started in 2014; a few counties began in 2013. */
export const FIRST_REGISTERED_YEAR = 2013;
export const MAX_HOUSEHOLD_SIZE = 30;

export const householdCodeSchema = text(30).refine((v) => /^[A-Za-z0-9-]+$/.test(v), { message: "households.validation.code" });
const headNameSchema = text(50);
/** Resident ID (居民身份证): 17 digits and a digit or X. Stored upper-case. */
const idNumberSchema = z.preprocess(
  blankToUndefined,
  text(18).transform((v) => v.toUpperCase()).refine((v) => /^\d{17}[\dX]$/.test(v), { message: "households.validation.idNumber" }).optional(),
);
const yearSchema = z.number().int().min(FIRST_REGISTERED_YEAR).refine((y) => y <= currentYear(), { message: "households.validation.futureYear" });
const causesSchema = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(POVERTY_CAUSES)).max(POVERTY_CAUSES.length).transform((a) => [...new Set(a)]),
);

export function currentYear(): number {
  return Number(countyToday().slice(0, 4));
}

const profileShape = {
  villageId: idSchema,
  stationId: nullableIdSchema,
  headName: headNameSchema,
  idNumber: idNumberSchema,
  phone: phoneSchema.transform((v) => v ?? undefined),
  size: z.preprocess(toNumber, z.number().int().min(1).max(MAX_HOUSEHOLD_SIZE)),
  type: z.enum(HOUSEHOLD_TYPES),
  causes: causesSchema,
  registeredYear: z.preprocess(toNumber, yearSchema),
  foodClothingSecure: boolish,
  educationSecure: boolish,
  medicalSecure: boolish,
  housingSecure: boolish,
  waterSecure: boolish,
};

/**
 * A new household. Status defaults to POOR; a registry imported from an older system may bring households that have
 * already exited, which then need their exit year (and it cannot precede registration).
 */
export const createHouseholdSchema = z
  .object({
    code: householdCodeSchema,
    ...profileShape,
    kind: z.preprocess(blankToUndefined, z.enum(HOUSEHOLD_KINDS).default("REGISTERED")),
    status: z.preprocess(blankToUndefined, z.enum(HOUSEHOLD_STATUSES).optional()),
    exitYear: z.preprocess(toNumber, yearSchema.optional()),
  })
  .superRefine((h, ctx) => {
    // A household entered for monitoring only was never poor: it is always MONITORED and has no exit year.
    if (h.kind === "MONITORING") {
      if (h.status !== undefined && h.status !== "MONITORED") ctx.addIssue({ code: "custom", path: ["status"], message: "households.validation.monitoringStatus" });
      if (h.exitYear !== undefined) ctx.addIssue({ code: "custom", path: ["exitYear"], message: "households.validation.monitoringExitYear" });
      return;
    }
    const status = h.status ?? "POOR";
    if (status === "POOR" && h.exitYear !== undefined) ctx.addIssue({ code: "custom", path: ["exitYear"], message: "households.validation.exitYearWhilePoor" });
    if (status !== "POOR" && h.exitYear === undefined) ctx.addIssue({ code: "custom", path: ["exitYear"], message: "households.validation.exitYearRequired" });
    if (h.exitYear !== undefined && h.exitYear < h.registeredYear) ctx.addIssue({ code: "custom", path: ["exitYear"], message: "households.validation.exitBeforeRegistered" });
  })
  .transform((h) => ({ ...h, status: h.kind === "MONITORING" ? ("MONITORED" as const) : (h.status ?? ("POOR" as const)) }));
export type CreateHouseholdInput = z.infer<typeof createHouseholdSchema>;

/**
 * An edit (PATCH): any profile fields, plus the version the editor saw. Status and exit year change only through a
 * status change (with its rules and reason); the code is the household's identity and stays.
 */
export const updateHouseholdSchema = z
  .object(profileShape)
  .partial()
  .extend({ version: idSchema });
/** Fields a PATCH may not carry: they change through their own rules, never by an edit. */
export const NOT_EDITABLE = ["code", "status", "exitYear", "kind"] as const;
export type UpdateHouseholdInput = z.infer<typeof updateHouseholdSchema>;

export const HOUSEHOLD_SORTS = ["code", "headName", "size", "village", "status", "type", "registeredYear", "exitYear"] as const;
export const PAGE_SIZES = [10, 20, 50, 100] as const;

/** Registry filters: shared by the page (URL search params), the API and the export. */
export const householdQuerySchema = z.object({
  q: searchText(50),
  townshipId: optionalIdSchema,
  villageId: optionalIdSchema,
  stationId: optionalIdSchema,
  status: z.preprocess(blankToUndefined, z.enum(HOUSEHOLD_STATUSES).optional()),
  type: z.preprocess(blankToUndefined, z.enum(HOUSEHOLD_TYPES).optional()),
  cause: z.preprocess(blankToUndefined, z.enum(POVERTY_CAUSES).optional()),
  exitYear: z.preprocess(toNumber, z.number().int().min(FIRST_REGISTERED_YEAR).max(2100).optional()),
  sort: z.preprocess(blankToUndefined, z.enum(HOUSEHOLD_SORTS).default("code")),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"]).default("asc")),
  page: pageSchema,
  pageSize: pageSizeSchema(PAGE_SIZES, 20),
});
export type HouseholdQuery = z.infer<typeof householdQuerySchema>;

/** The picker: a code or part of a head's name. */
export const householdSearchSchema = z.object({ q: text(50) });

export const statusChangeSchema = z.object({
  toStatus: z.enum(HOUSEHOLD_STATUSES),
  /** The exit year assessed (POOR → EXITED); defaults to last year, the usual annual review. */
  year: z.preprocess(toNumber, yearSchema.optional()),
  reason: text(500),
});

/** The status form of a POOR household: the assessed year must be chosen, never assumed. */
export const statusFormSchema = statusChangeSchema.extend({ year: z.preprocess(toNumber, yearSchema) });

export const assessmentQuerySchema = z.object({ year: z.preprocess(toNumber, yearSchema) });

/** The next-code suggestion: the village chosen in the form, and the station the household would be served by. */
export const nextCodeQuerySchema = z.object({ villageId: idSchema, stationId: optionalIdSchema });
