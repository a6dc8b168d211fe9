import { AppError } from "@/lib/errors";
import { apiRoute, jsonBody } from "@/lib/api/respond";
import { resetPassword } from "@/lib/users";

/** POST {password?}: ADMIN sets another user's password (blank → generated, returned once); ends their sessions. */
export const POST = apiRoute<{ id: string }>("users.manage", async ({ request, viewer, params }) => {
  // An empty body asks for a generated password.
  const declared = request.headers.get("content-length");
  const body = declared === "0" || !request.body ? {} : await jsonBody(request).catch((e: unknown) => {
    if (e instanceof AppError && e.msg.key === "errors.badJson") return {}; // an empty (or blank) body
    throw e;
  });
  return resetPassword(viewer, Number(params.id), body);
});
