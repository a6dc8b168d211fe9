import { apiRoute, jsonBody, listEnvelope, queryOf } from "@/lib/api/respond";
import { createUser, searchUsers } from "@/lib/users";

/** GET ?q=&role=&active=yes|no&page=: ADMIN, 50 a page. `users` is kept as an alias of `items`. */
export const GET = apiRoute("users.manage", async ({ request, viewer }) => listEnvelope(await searchUsers(viewer, queryOf(request)), "users"));
export const POST = apiRoute("users.manage", async ({ request, viewer }) => createUser(viewer, await jsonBody(request)), { status: 201 });
