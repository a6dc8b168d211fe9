import { apiRoute, jsonBody } from "@/lib/api/respond";
import { resetPassword } from "@/lib/users";

/** POST {password?}: ADMIN sets another user's password (blank → generated, returned once); ends their sessions. */
export const POST = apiRoute<{ id: string }>(async ({ request, viewer, params }) => {
  const text = await request.clone().text();
  return resetPassword(viewer, Number(params.id), text.trim() ? await jsonBody(request) : {});
});
