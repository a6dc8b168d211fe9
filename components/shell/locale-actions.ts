"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n";
import { currentViewer } from "@/lib/auth/session";
import { setOwnLocale } from "@/lib/users";
import { publicAction } from "@/lib/api/form";

/** Switches the interface language: a cookie for this browser, and the user's saved setting once signed in. */
export const setLocaleAction = publicAction(async (locale: string) => {
  const value = toLocale(typeof locale === "string" ? locale : "");
  (await cookies()).set(LOCALE_COOKIE, value, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  const viewer = await currentViewer();
  if (viewer) await setOwnLocale(viewer, value);
});
