import { apiRoute, jsonBody } from "@/lib/api/respond";
import { getHousehold, updateHousehold } from "@/lib/households";

export const GET = apiRoute<{ id: string }>("households.read", async ({ viewer, params }) => getHousehold(viewer, Number(params.id)));
/** PATCH requires `version` (the one last read); a stale version is a 409 with the current values in error.details. */
export const PATCH = apiRoute<{ id: string }>("households.update", async ({ request, viewer, params }) => updateHousehold(viewer, Number(params.id), await jsonBody(request)));
