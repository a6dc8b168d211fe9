import { createTranslator } from "next-intl";
import zhCN from "../messages/zh-CN.json";
import en from "../messages/en.json";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./validation/auth";
import type { Msg } from "./errors";

export const MESSAGES = { "zh-CN": zhCN, en } as const;
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function toLocale(value: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
}

/** Picks zh-CN or en from an Accept-Language header (for callers we do not know yet). */
export function localeFromAcceptLanguage(header: string | null): Locale {
  const first = header?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : DEFAULT_LOCALE;
}

/** Renders a lib/ message in a locale, outside React (API responses, exports). */
export function renderMsg(locale: Locale, msg: Msg): string {
  const t = createTranslator({ locale, messages: MESSAGES[locale] as Record<string, unknown> });
  try {
    return t(msg.key as never, msg.values as never);
  } catch {
    return msg.key;
  }
}

/**
 * The message namespaces client components read (useTranslations in a "use client" file), the only ones sent to the
 * browser: the root layout passes just these to NextIntlClientProvider instead of every page carrying the whole
 * catalogue (~30 KB) in its HTML and again in its RSC payload. "validation", "errors" and the schemas' own message
 * namespaces are here because the offline forms validate in the browser with the server's zod schemas.
 * tests/messages.test.ts fails when a client component, or a schema's message key, uses a namespace missing here.
 */
export const CLIENT_NAMESPACES = [
  "account", "admin", "auth", "common", "download", "enums", "errors", "households", "import", "income", "monitoring.cases",
  "monitoring.errors", "monitoring.hardships", "nav", "offline", "products", "reports", "roles", "sales", "settings", "stations",
  "trainings", "validation",
] as const;

/** The client namespaces of a locale's messages (a dotted name picks one sub-object, e.g. monitoring.cases). */
export function clientMessages(locale: Locale): Record<string, unknown> {
  const all = MESSAGES[locale] as Record<string, unknown>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of CLIENT_NAMESPACES) {
    const [top, sub] = name.split(".");
    if (sub === undefined) out[top] = all[top] as Record<string, unknown>;
    else (out[top] ??= {})[sub] = (all[top] as Record<string, unknown>)[sub];
  }
  return out;
}
