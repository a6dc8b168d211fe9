import { apiRoute } from "@/lib/api/respond";
import { progressRows } from "@/lib/progress";

/**
 * GET ?year=YYYY&level=county|township|village|household&parent=CODE: the drill-down rows (field names in
 * /api/v1/openapi.json). level=household lists a village's households; an OPERATOR gets only their station's.
 */
export const GET = apiRoute("progress.read", async ({ request, viewer }) => progressRows(viewer, Object.fromEntries(new URL(request.url).searchParams)));
