"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { createUser, resetPassword, updateUser } from "@/lib/users";
import { runFormAction, type FormState } from "@/lib/api/form";

export async function updateUserAction(userId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const viewer = await requireUser();
    await updateUser(viewer, userId, { role: formData.get("role"), stationId: formData.get("stationId"), active: formData.get("active") === "on" });
    revalidatePath("/admin");
  });
}

export async function createUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let id = 0;
  const state = await runFormAction(async () => {
    const viewer = await requireUser();
    const user = await createUser(viewer, {
      email: formData.get("email"), name: formData.get("name"), password: formData.get("password"),
      role: formData.get("role"), stationId: formData.get("stationId"), locale: formData.get("locale"),
    });
    id = user.id;
    revalidatePath("/admin");
  });
  if (state.ok) redirect(`/admin/users/${id}?created=1`);
  return state;
}

/** Deactivate (active=false) or reactivate a user; deactivation ends their sessions. */
export async function setUserActiveAction(userId: number, active: boolean, _prev: FormState, _formData: FormData): Promise<FormState<{ active: boolean }>> {
  return runFormAction<{ active: boolean }>(async () => {
    const viewer = await requireUser();
    await updateUser(viewer, userId, { active });
    revalidatePath("/admin");
    revalidatePath(`/admin/users/${userId}`);
    return { active };
  });
}

/** ADMIN resets another user's password: the typed one, or a generated one shown once in the answer. */
export async function resetPasswordAction(userId: number, _prev: FormState<{ generated: string }>, formData: FormData): Promise<FormState<{ generated: string }>> {
  return runFormAction<{ generated: string }>(async () => {
    const viewer = await requireUser();
    const result = await resetPassword(viewer, userId, { password: formData.get("password") });
    return result.generated ? { generated: result.password } : {};
  });
}

export async function createTokenAction(_prev: FormState<{ secret: string }>, formData: FormData): Promise<FormState<{ secret: string }>> {
  return runFormAction<{ secret: string }>(async () => {
    const viewer = await requireUser();
    const token = await createApiToken(viewer, { name: formData.get("name"), userId: formData.get("userId") });
    revalidatePath("/admin/tokens");
    return { secret: token.secret };
  });
}

export async function revokeTokenAction(tokenId: number) {
  const viewer = await requireUser();
  await revokeApiToken(viewer, tokenId);
  revalidatePath("/admin/tokens");
}
