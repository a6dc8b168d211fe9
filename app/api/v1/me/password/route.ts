import { apiRoute, jsonBody } from "@/lib/api/respond";
import { changeOwnPassword } from "@/lib/users";

/** POST {currentPassword, newPassword, confirmPassword}: the caller's own password; ends their browser sessions. */
export const POST = apiRoute("me.update", async ({ request, viewer }) => {
  await changeOwnPassword(viewer, await jsonBody(request));
  return { ok: true };
});
