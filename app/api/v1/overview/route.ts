import { apiRoute } from "@/lib/api/respond";
import { overview } from "@/lib/progress";

/**
 * GET ?from=YYYY-MM-DD&to=YYYY-MM-DD&year=YYYY&station=CODE: the dashboard's headline figures (field names in
 * /api/v1/openapi.json). Whole months: from is a month's first day, to a month's last day (or YYYY-MM for either).
 */
export const GET = apiRoute("progress.read", async ({ request, viewer }) => overview(viewer, Object.fromEntries(new URL(request.url).searchParams)));
