import { z } from "zod";
import { emailSchema, localeSchema, passwordSchema } from "./auth";
import { optionalIdSchema } from "./primitives";

export const ROLES = ["ADMIN", "STAFF", "OPERATOR", "VIEWER"] as const;

const stationIdSchema = optionalIdSchema;

// An OPERATOR is bound to exactly one station; other roles to none.
function operatorNeedsStation<T extends { role?: string; stationId?: number }>(value: T, ctx: z.RefinementCtx) {
  if (value.role === "OPERATOR" && !value.stationId) ctx.addIssue({ code: "custom", path: ["stationId"], message: "validation.operatorStation" });
}

export const createUserSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1).max(100),
    password: passwordSchema,
    role: z.enum(ROLES),
    stationId: stationIdSchema,
    locale: localeSchema.default("zh-CN"),
  })
  .superRefine(operatorNeedsStation);

export const updateUserSchema = z
  .object({
    role: z.enum(ROLES),
    stationId: stationIdSchema,
    active: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
  })
  .superRefine(operatorNeedsStation);
