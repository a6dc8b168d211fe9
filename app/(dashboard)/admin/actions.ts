"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { updateUser } from "@/lib/users";
import { runFormAction, type FormState } from "@/lib/api/form";

export async function updateUserAction(userId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const viewer = await requireUser();
    await updateUser(viewer, userId, { role: formData.get("role"), stationId: formData.get("stationId"), active: formData.get("active") === "on" });
    revalidatePath("/admin");
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
