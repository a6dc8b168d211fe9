import { apiRoute, jsonBody, listEnvelope, queryOf } from "@/lib/api/respond";
import { createStation, listStations } from "@/lib/stations";

/** GET: stations with coverage and activity; filters townshipId, level, status, service, q, page. An OPERATOR gets their own. */
export const GET = apiRoute("stations.read", async ({ request, viewer }) => listEnvelope(await listStations(viewer, queryOf(request))));
/** POST (ADMIN/STAFF): {code, name, level, townshipId, villageId?, operatorName, phone?, openedOn, services[], coveredVillageIds[]}. */
export const POST = apiRoute("stations.create", async ({ request, viewer }) => createStation(viewer, await jsonBody(request)), { status: 201 });
