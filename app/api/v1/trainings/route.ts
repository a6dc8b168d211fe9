import { apiRoute, jsonBody, listEnvelope, queryOf } from "@/lib/api/respond";
import { listTrainings, recordTraining } from "@/lib/trainings";

/** GET: sessions newest first with totals; filters stationId, from, to, page. An OPERATOR gets their station's. */
export const GET = apiRoute("trainings.read", async ({ request, viewer }) => {
  const { totals, ...list } = await listTrainings(viewer, queryOf(request));
  return listEnvelope(list, undefined, { totals });
});
/** POST {stationId, date, topic, attendeeCount, householdIds[]}. Idempotency-Key accepted. */
export const POST = apiRoute("trainings.create", async ({ request, viewer, idempotency }) => {
  const body = await jsonBody(request);
  return recordTraining(viewer, body, { idempotency: idempotency(body) });
}, { status: 201 });
