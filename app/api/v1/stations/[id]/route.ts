import { apiRoute, jsonBody } from "@/lib/api/respond";
import { stationActivity, updateStation } from "@/lib/stations";

/** GET: the station and its activity (households served, sales, income brought to households, trainings). */
export const GET = apiRoute<{ id: string }>("stations.read", async ({ viewer, params }) => {
  const { station, ...activity } = await stationActivity(viewer, Number(params.id));
  return { ...station, activity };
});
/**
 * PATCH: any subset of the station's fields plus `version` (the one last read; stale → 409 with error.details.current).
 * `status` SUSPENDED/CLOSED needs `statusReason`; ACTIVE reopens. An OPERATOR may send only operatorName and phone.
 */
export const PATCH = apiRoute<{ id: string }>("stations.update", async ({ request, viewer, params }) => updateStation(viewer, Number(params.id), await jsonBody(request)));
