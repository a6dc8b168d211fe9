import { apiRoute, jsonBody } from "@/lib/api/respond";
import { createUser, listUsers } from "@/lib/users";

export const GET = apiRoute(async ({ viewer }) => ({ users: await listUsers(viewer) }));
export const POST = apiRoute(async ({ request, viewer }) => createUser(viewer, await jsonBody(request)), { status: 201 });
