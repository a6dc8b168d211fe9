import { apiRoute, jsonBody } from "@/lib/api/respond";
import { listTrainings, recordTraining } from "@/lib/trainings";

/** GET: sessions newest first with totals; filters stationId, from, to, page. An OPERATOR gets their station's. */
export const GET = apiRoute(async ({ request, viewer }) => listTrainings(viewer, Object.fromEntries(new URL(request.url).searchParams)));
/** POST {stationId, date, topic, attendeeCount, householdIds[]}. */
export const POST = apiRoute(async ({ request, viewer }) => recordTraining(viewer, await jsonBody(request)), { status: 201 });
