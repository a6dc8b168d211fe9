import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { COUNTY_TIME_ZONE } from "../lib/format";
import { LOCALE_COOKIE, MESSAGES, localeFromAcceptLanguage, toLocale } from "../lib/i18n";

// No locale in the URL: the cookie (set by the switcher and at sign-in from the user's setting) decides,
// else the browser's language, else zh-CN.
export default getRequestConfig(async () => {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = cookie ? toLocale(cookie) : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return { locale, messages: MESSAGES[locale], timeZone: COUNTY_TIME_ZONE };
});
