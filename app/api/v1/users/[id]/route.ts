import { apiRoute, jsonBody } from "@/lib/api/respond";
import { getUser, updateUser } from "@/lib/users";

export const GET = apiRoute<{ id: string }>("users.manage", async ({ viewer, params }) => getUser(viewer, Number(params.id)));
/** PATCH: any of role, stationId, active (ADMIN; not your own role or active flag). A change ends that user's sessions. */
export const PATCH = apiRoute<{ id: string }>("users.manage", async ({ request, viewer, params }) => updateUser(viewer, Number(params.id), await jsonBody(request)));
