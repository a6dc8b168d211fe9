"use server";

import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { updateUser } from "@/lib/users";
import { formAction, viewerAction, type FormState } from "@/lib/api/form";

export const updateUserAction = formAction("users.manage", async (viewer, userId: number, _prev: FormState, formData: FormData) => {
  await updateUser(viewer, userId, { role: formData.get("role"), stationId: formData.get("stationId"), active: formData.get("active") === "on" });
  revalidatePath("/admin");
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
