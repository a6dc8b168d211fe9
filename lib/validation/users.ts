import { z } from "zod";
import { emailSchema, localeSchema, passwordSchema } from "./auth";
import { blankToUndefined, nullableIdSchema, optional, optionalIdSchema, pageSchema, safeString, searchText, text } from "./primitives";

export const ROLES = ["ADMIN", "STAFF", "OPERATOR", "VIEWER"] as const;

export const USER_PAGE_SIZE = 50;

const stationIdSchema = optionalIdSchema;

// An OPERATOR is bound to exactly one station; other roles to none.
function operatorNeedsStation<T extends { role?: string; stationId?: number | null }>(value: T, ctx: z.RefinementCtx) {
  if (value.role === "OPERATOR" && !value.stationId) ctx.addIssue({ code: "custom", path: ["stationId"], message: "validation.operatorStation" });
}

export const createUserSchema = z
  .object({
    email: emailSchema,
    name: text(100),
    password: passwordSchema,
    role: z.enum(ROLES),
    stationId: stationIdSchema,
    locale: localeSchema.default("zh-CN"),
  })
  .superRefine(operatorNeedsStation);

/** A checkbox or JSON boolean that may be left out (absent → unchanged, unlike boolish, where absent is false). */
const booleanish = z.preprocess((v) => (v === true || v === "true" || v === "on" ? true : v === false || v === "false" ? false : v), z.boolean());

/**
 * An admin's change to a user: any of role, station, active (PATCH semantics: a field left out keeps its value;
 * stationId "" or null clears it). The operator-needs-a-station rule is checked on the merged result.
 */
export const updateUserSchema = z.object({
  role: z.enum(ROLES).optional(),
  stationId: nullableIdSchema,
  active: booleanish.optional(),
});

export const mergedUserSchema = z
  .object({ role: z.enum(ROLES), stationId: z.number().int().positive().nullable(), active: z.boolean() })
  .superRefine(operatorNeedsStation);

/** The admin's user list: search by email or name, filter by role, pages of 50. Shared by the page and the API. */
export const userQuerySchema = z.object({
  q: searchText(100),
  role: optional(z.enum(ROLES)),
  active: optional(z.enum(["yes", "no"])),
  page: pageSchema,
});
export type UserQuery = z.infer<typeof userQuerySchema>;

/** ADMIN resets a password: the one typed, or (left blank) a generated one shown once. */
export const resetPasswordSchema = z.object({
  password: z.preprocess(blankToUndefined, passwordSchema.optional()),
});

/** A user changes their own password: the current one, a new one of 10+ characters that differs, typed twice. */
export const changeOwnPasswordSchema = z
  .object({
    currentPassword: safeString().pipe(z.string().min(1).max(200)),
    newPassword: passwordSchema,
    confirmPassword: safeString().pipe(z.string().max(200)),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword === v.currentPassword) ctx.addIssue({ code: "custom", path: ["newPassword"], message: "validation.passwordSame" });
    else if (v.confirmPassword !== v.newPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "validation.passwordMismatch" });
  });
