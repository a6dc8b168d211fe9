import { z } from "zod";
import { calendarDateSchema, idListSchema, idSchema, optional, pastDateSchema, toNumber } from "./form-fields";

/** A training session: attendeeCount counts everyone there, so it is at least the number of listed households. */
export const trainingInputSchema = z
  .object({
    stationId: idSchema,
    date: pastDateSchema,
    topic: z.string().trim().min(1).max(200),
    attendeeCount: z.preprocess(toNumber, z.number().int().min(1).max(10_000)),
    householdIds: idListSchema(500).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.attendeeCount < v.householdIds.length) {
      ctx.addIssue({ code: "custom", path: ["attendeeCount"], message: "trainings.errors.countBelowHouseholds", params: { households: v.householdIds.length } });
    }
  });

export const trainingsQuerySchema = z.object({
  stationId: optional(z.coerce.number().int().positive()),
  from: optional(calendarDateSchema),
  to: optional(calendarDateSchema),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
});
