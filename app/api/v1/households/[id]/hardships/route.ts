import { apiRoute, jsonBody, listEnvelope } from "@/lib/api/respond";
import { listHardships, reportHardship } from "@/lib/monitoring";

/** GET: the household's hardship reports, newest first. */
export const GET = apiRoute<{ id: string }>("monitoring.read", async ({ viewer, params }) => listEnvelope({ items: await listHardships(viewer, Number(params.id)) }));

/** POST {type, date, amountFen?, note?} → 201: a sudden severe hardship; the household's warnings follow at once. */
export const POST = apiRoute<{ id: string }>("hardships.report", async ({ request, viewer, params, idempotency }) => {
  const body = await jsonBody(request);
  return reportHardship(viewer, Number(params.id), body, { idempotency: idempotency(body) });
}, { status: 201 });
