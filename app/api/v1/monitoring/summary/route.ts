import { apiRoute, queryOf } from "@/lib/api/respond";
import { monitoringSummary } from "@/lib/monitoring";

/** GET ?year=&station=CODE: the consolidation summary of a monitoring year (from the cases and the warnings summary). */
export const GET = apiRoute("monitoring.read", async ({ request, viewer }) => monitoringSummary(viewer, queryOf(request)));
