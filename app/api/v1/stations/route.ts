import { apiRoute, jsonBody } from "@/lib/api/respond";
import { createStation, listStations } from "@/lib/stations";

/** GET: stations with coverage and activity; filters townshipId, level, status, service, q, page. An OPERATOR gets their own. */
export const GET = apiRoute(async ({ request, viewer }) => listStations(viewer, Object.fromEntries(new URL(request.url).searchParams)));
/** POST (ADMIN/STAFF): {code, name, level, townshipId, villageId?, operatorName, phone?, openedOn, services[], coveredVillageIds[]}. */
export const POST = apiRoute(async ({ request, viewer }) => createStation(viewer, await jsonBody(request)), { status: 201 });
