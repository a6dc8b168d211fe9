import { apiRoute, jsonBody, listEnvelope } from "@/lib/api/respond";
import { createUser, listUsers } from "@/lib/users";

export const GET = apiRoute("users.manage", async ({ viewer }) => listEnvelope({ items: await listUsers(viewer) }, "users"));
export const POST = apiRoute("users.manage", async ({ request, viewer }) => createUser(viewer, await jsonBody(request)), { status: 201 });
