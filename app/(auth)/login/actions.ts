"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/config";
import { localeOfUser } from "@/lib/auth/credentials";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { publicAction } from "@/lib/api/form";

/** `locked`: too many attempts for this account or address; the page says to try again later (still generic). */
export type SignInState = { failed: boolean; locked?: boolean; email: string };

export const signInAction = publicAction(async (_prev: SignInState, formData: FormData): Promise<SignInState> => {
  const email = String(formData.get("email") ?? "").slice(0, 254);
  const password = String(formData.get("password") ?? "");
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "locked") return { failed: true, locked: true, email };
    if (error instanceof AuthError) return { failed: true, email };
    throw error;
  }
  // Signed in: remember the user's own language choice in the cookie the pages read.
  const locale = await localeOfUser(email);
  if (locale) (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  redirect("/");
});

/** Signs out and ends every session of this user (next-auth's signOut event bumps the session version). */
export const signOutAction = publicAction(async () => {
  await signOut({ redirect: false });
  redirect("/login?signedOut=1");
});
