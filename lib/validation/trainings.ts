import { z } from "zod";
import { calendarDateSchema, optional, idListSchema, idSchema, optionalIdSchema, pageSchema, pastDateSchema, text, toNumber } from "./primitives";

/** A training session: attendeeCount counts everyone there, so it is at least the number of listed households. */
export const trainingInputSchema = z
  .object({
    stationId: idSchema,
    date: pastDateSchema,
    topic: text(200),
    attendeeCount: z.preprocess(toNumber, z.number().int().min(1).max(10_000)),
    householdIds: idListSchema(500).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.attendeeCount < v.householdIds.length) {
      ctx.addIssue({ code: "custom", path: ["attendeeCount"], message: "trainings.errors.countBelowHouseholds", params: { households: v.householdIds.length } });
    }
  });

export const trainingsQuerySchema = z.object({
  stationId: optionalIdSchema,
  from: optional(calendarDateSchema),
  to: optional(calendarDateSchema),
  page: pageSchema,
});
