import { apiRoute, jsonBody } from "@/lib/api/respond";
import { changeCase, getCase } from "@/lib/monitoring";

/** GET: one case with its steps and measures, and what risk elimination would need today (`current`). */
export const GET = apiRoute<{ id: string }>("monitoring.read", async ({ viewer, params }) => getCase(viewer, Number(params.id)));

/**
 * PATCH one change: {action: "step", phase, step, date, actor, note?} (the next identification or elimination step;
 * the county approval needs ADMIN/STAFF; elimination is refused unless the 12 months' per-capita income is above the
 * monitoring line and every guarantee holds), {action: "measure", kind, date, stationId?, actor, note?}, or
 * {action: "close", date, reason} (ADMIN/STAFF: a case opened by mistake; cases are never deleted).
 */
export const PATCH = apiRoute<{ id: string }>("monitoring.manage", async ({ request, viewer, params }) => changeCase(viewer, Number(params.id), await jsonBody(request)));
