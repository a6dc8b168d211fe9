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
