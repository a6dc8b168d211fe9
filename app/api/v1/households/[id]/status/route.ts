import { apiRoute, jsonBody } from "@/lib/api/respond";
import { changeHouseholdStatus } from "@/lib/households";

/** POST {toStatus, year?, reason}: POOR → EXITED when eligible, EXITED ↔ MONITORED; ADMIN and STAFF only. */
export const POST = apiRoute<{ id: string }>("households.changeStatus", async ({ request, viewer, params }) => changeHouseholdStatus(viewer, Number(params.id), await jsonBody(request)));
