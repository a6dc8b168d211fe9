import { apiRoute, jsonBody } from "@/lib/api/respond";
import { resetPassword } from "@/lib/users";

/** POST {password?}: ADMIN sets another user's password (blank → generated, returned once); ends their sessions. */
export const POST = apiRoute<{ id: string }>("users.manage", async ({ request, viewer, params }) =>
  // An empty body asks for a generated password; a malformed one is a 400 like anywhere else.
  resetPassword(viewer, Number(params.id), await jsonBody(request, { emptyAs: {} })),
);
