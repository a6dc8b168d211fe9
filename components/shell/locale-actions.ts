"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n";
import { currentViewer } from "@/lib/auth/session";
import { setOwnLocale } from "@/lib/users";

/** Switches the interface language: a cookie for this browser, and the user's saved setting once signed in. */
export async function setLocaleAction(locale: string) {
  const value = toLocale(locale);
  (await cookies()).set(LOCALE_COOKIE, value, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  const viewer = await currentViewer();
  if (viewer) await setOwnLocale(viewer, value);
}
