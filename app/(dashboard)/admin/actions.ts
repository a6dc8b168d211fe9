"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { createUser, resetPassword, updateUser } from "@/lib/users";
import { formAction, viewerAction, type FormState } from "@/lib/api/form";

export const updateUserAction = formAction("users.manage", async (viewer, userId: number, _prev: FormState, formData: FormData) => {
  await updateUser(viewer, userId, { role: formData.get("role"), stationId: formData.get("stationId"), active: formData.get("active") === "on" });
  revalidatePath("/admin");
});

export const createUserAction = formAction("users.manage", async (viewer, _prev: FormState, formData: FormData) => {
  const user = await createUser(viewer, {
    email: formData.get("email"), name: formData.get("name"), password: formData.get("password"),
    role: formData.get("role"), stationId: formData.get("stationId"), locale: formData.get("locale"),
  });
  revalidatePath("/admin");
  redirect(`/admin/users/${user.id}?created=1`);
});

/** Deactivate (active=false) or reactivate a user; deactivation ends their sessions. */
export const setUserActiveAction = formAction<{ active: boolean }, [number, boolean, FormState, FormData]>("users.manage", async (viewer, userId, active) => {
  await updateUser(viewer, userId, { active });
  revalidatePath("/admin");
  revalidatePath(`/admin/users/${userId}`);
  return { active };
});

/** ADMIN resets another user's password: the typed one, or a generated one shown once in the answer. */
export const resetPasswordAction = formAction<{ generated: string }, [number, FormState<{ generated: string }>, FormData]>("users.manage", async (viewer, userId, _prev, formData) => {
  const result = await resetPassword(viewer, userId, { password: formData.get("password") });
  return result.generated ? { generated: result.password } : {};
});

export const createTokenAction = formAction<{ secret: string }, [FormState<{ secret: string }>, FormData]>("tokens.manage", async (viewer, _prev, formData) => {
  const token = await createApiToken(viewer, { name: formData.get("name"), userId: formData.get("userId") });
  revalidatePath("/admin/tokens");
  return { secret: token.secret };
});

export const revokeTokenAction = viewerAction("tokens.manage", async (viewer, tokenId: number) => {
  await revokeApiToken(viewer, tokenId);
  revalidatePath("/admin/tokens");
});
