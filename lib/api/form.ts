import "server-only";
import { getLocale } from "next-intl/server";
import { toAppError } from "../errors";
import { renderMsg, toLocale } from "../i18n";

/** What a server action hands back to its form: a message, field-level errors, and any result values. */
export type FormState<T = Record<string, unknown>> = { ok?: boolean; error?: string; fields?: Record<string, string>; details?: unknown } & Partial<T>;

/** Runs a lib/ mutation for a server action and turns its AppError into messages in the user's language. */
export async function runFormAction<T extends Record<string, unknown>>(fn: () => Promise<Partial<T> | void>): Promise<FormState<T>> {
  const locale = toLocale(await getLocale());
  try {
    return { ok: true, ...((await fn()) ?? {}) } as FormState<T>;
  } catch (error) {
    const err = toAppError(error);
    if (err.code === "INTERNAL") console.error(error);
    return {
      error: renderMsg(locale, err.msg),
      fields: err.fields ? Object.fromEntries(Object.entries(err.fields).map(([k, m]) => [k, renderMsg(locale, m)])) : undefined,
      details: err.details,
    } as FormState<T>;
  }
}
