import { apiRoute } from "@/lib/api/respond";
import { coverage, networkOverview } from "@/lib/stations/coverage";

/** GET: poor-village coverage by ACTIVE stations (percent, counts, uncovered villages) and the per-township overview. */
export const GET = apiRoute("coverage.read", async ({ viewer }) => {
  const [summary, townships] = await Promise.all([coverage(viewer), networkOverview(viewer)]);
  return { ...summary, townships };
});
