import { apiRoute, jsonBody, listEnvelope, queryOf } from "@/lib/api/respond";
import { listCases, openCase } from "@/lib/monitoring";

/** GET ?status=&type=&householdId=&station=CODE&page=: monitoring cases in scope, newest first. */
export const GET = apiRoute("monitoring.read", async ({ request, viewer }) => listEnvelope(await listCases(viewer, queryOf(request))));

/**
 * POST {householdId, type, riskTypes (1–5), openedOn, warningRule?, warningYear?, note?} → 201: opens a case, from a
 * warning (its rule and year) or directly; 409 while the household has a case being identified or monitored.
 */
export const POST = apiRoute("monitoring.manage", async ({ request, viewer }) => openCase(viewer, await jsonBody(request)), { status: 201 });
