import { apiRoute, queryOf } from "@/lib/api/respond";
import { listWarnings } from "@/lib/monitoring";

/**
 * GET ?year=&level=county|township|village|station|household&parent=CODE&station=CODE&rule=&page=: the warning list of
 * a monitoring year from the warnings summary: per township (county), per village of a township, the households of a
 * village, per station, or every warned household (paged). An OPERATOR gets only their station's households.
 */
export const GET = apiRoute("monitoring.read", async ({ request, viewer }) => {
  const list = await listWarnings(viewer, queryOf(request));
  return list.level === "village" || list.level === "household" ? { ...list, items: list.households } : { ...list, items: list.rows };
});
