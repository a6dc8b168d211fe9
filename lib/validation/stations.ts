import { z } from "zod";
import { StationLevel, StationService, StationStatus } from "../generated/prisma/enums";
import { codeSchema, idListSchema, idSchema, nullableIdSchema, nullableText, optional, optionalIdSchema, pageSchema, pastDateSchema, phoneSchema, searchText, text } from "./primitives";

/** Station codes: 1–20 characters of A–Z, 0–9 and "-", stored upper-case (e.g. RS-V001). */
export const stationCodeSchema = codeSchema(20, "stations.errors.codeFormat");

const servicesSchema = z.array(z.enum(StationService)).min(1).max(6).transform((s) => [...new Set(s)]);

const fields = {
  code: stationCodeSchema,
  name: text(100),
  level: z.enum(StationLevel),
  townshipId: idSchema,
  villageId: optionalIdSchema,
  operatorName: text(50),
  phone: phoneSchema,
  openedOn: pastDateSchema,
  services: servicesSchema,
  coveredVillageIds: idListSchema(200),
};

export const createStationSchema = z
  .object({ ...fields, coveredVillageIds: fields.coveredVillageIds.default([]) })
  .superRefine((v, ctx) => {
    if (v.level === "VILLAGE" && !v.villageId) ctx.addIssue({ code: "custom", path: ["villageId"], message: "stations.errors.villageRequired" });
  });

/** The fields an OPERATOR may change on their own station; everything else is ADMIN/STAFF only. */
export const CONTACT_FIELDS = ["operatorName", "phone"] as const;

/**
 * A partial update: only the fields given change. `version` is the one the editor saw (optimistic locking).
 * `status` with `statusReason` suspends, closes or reopens; a reason is required to suspend or close.
 */
export const updateStationSchema = z.object({
  version: idSchema,
  code: fields.code.optional(),
  name: fields.name.optional(),
  level: fields.level.optional(),
  townshipId: optionalIdSchema,
  // null removes the home village (only for a township-level station)
  villageId: nullableIdSchema,
  operatorName: fields.operatorName.optional(),
  phone: phoneSchema,
  openedOn: pastDateSchema.optional(),
  services: servicesSchema.optional(),
  coveredVillageIds: fields.coveredVillageIds.optional(),
  status: z.enum(StationStatus).optional(),
  statusReason: nullableText(500),
});

export const stationQuerySchema = z.object({
  townshipId: optionalIdSchema,
  stationId: optionalIdSchema,
  level: optional(z.enum(StationLevel)),
  status: optional(z.enum(StationStatus)),
  service: optional(z.enum(StationService)),
  q: searchText(50),
  page: pageSchema,
});

export type StationQuery = z.infer<typeof stationQuerySchema>;
