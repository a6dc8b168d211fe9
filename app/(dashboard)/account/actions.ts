"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/config";
import { changeOwnPassword } from "@/lib/users";
import { formAction, type FormState } from "@/lib/api/form";

/**
 * Changes the signed-in user's own password. That ends all their sessions (the version is bumped), so this one is
 * re-issued right away by signing in again with the new password: other devices are signed out, this one is not.
 */
export const changeOwnPasswordAction = formAction("me.update", async (viewer, _prev: FormState, formData: FormData) => {
  await changeOwnPassword(viewer, {
    currentPassword: formData.get("currentPassword"),
    newPassword: formData.get("newPassword"),
    confirmPassword: formData.get("confirmPassword"),
  });
  try {
    await signIn("credentials", { email: viewer.email, password: String(formData.get("newPassword") ?? ""), redirect: false });
  } catch {
    redirect("/login"); // not expected (the password was just set); the user signs in by hand
  }
  // A redirect, not a re-render of this page: Next.js renders the target with the new session cookie, while a
  // re-render would still see the request's old (now ended) one.
  redirect("/account?changed=1");
});
