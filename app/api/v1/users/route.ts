import { apiRoute, jsonBody } from "@/lib/api/respond";
import { createUser, searchUsers } from "@/lib/users";

/** GET ?q=&role=&active=yes|no&page=: ADMIN, 50 a page. `users` is kept as an alias of `items`. */
export const GET = apiRoute(async ({ request, viewer }) => {
  const { items, total, page, pageSize } = await searchUsers(viewer, Object.fromEntries(new URL(request.url).searchParams));
  return { items, total, page, pageSize, users: items };
});
export const POST = apiRoute(async ({ request, viewer }) => createUser(viewer, await jsonBody(request)), { status: 201 });
