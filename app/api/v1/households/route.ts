import { apiRoute, jsonBody, listEnvelope, queryOf } from "@/lib/api/respond";
import { createHousehold, listHouseholds } from "@/lib/households";

/** GET: the registry with the page's filters (q, townshipId, villageId, stationId, status, type, cause, exitYear, sort, dir, page, pageSize). */
export const GET = apiRoute("households.read", async ({ request, viewer }) => {
  const { rows, total, page, pageSize } = await listHouseholds(viewer, queryOf(request));
  return listEnvelope({ items: rows, total, page, pageSize }, "households");
});
export const POST = apiRoute("households.create", async ({ request, viewer }) => createHousehold(viewer, await jsonBody(request)), { status: 201 });
