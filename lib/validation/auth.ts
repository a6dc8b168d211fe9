import { z } from "zod";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export const localeSchema = z.enum(LOCALES);

import { emailSchema } from "./primitives";

/** The email rule lives with the other input primitives; re-exported for the user schemas. */
export { emailSchema };

/** Sign-in input. Any failure here gets the same generic message as a wrong password. */
export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export const passwordSchema = z.string().min(10, { message: "validation.passwordLength" }).max(200);
