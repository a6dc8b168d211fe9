import { apiRoute, jsonBody } from "@/lib/api/respond";
import { createHousehold, listHouseholds } from "@/lib/households";

/** GET: the registry with the page's filters (q, townshipId, villageId, stationId, status, type, cause, exitYear, sort, dir, page, pageSize). */
export const GET = apiRoute(async ({ request, viewer }) => {
  const { rows, total, page, pageSize } = await listHouseholds(viewer, Object.fromEntries(new URL(request.url).searchParams));
  return { households: rows, total, page, pageSize };
});
export const POST = apiRoute(async ({ request, viewer }) => createHousehold(viewer, await jsonBody(request)), { status: 201 });
