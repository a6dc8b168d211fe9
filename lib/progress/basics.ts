import { db } from "../db";
import type { Viewer } from "../auth/viewer";

/** A first look at the county for the dashboard: counts every role may read (county dashboards are public to users). */
export async function countyBasics(_viewer: Viewer) {
  const [stations, activeStations, villages, poorVillages, households] = await Promise.all([
    db.station.count(),
    db.station.count({ where: { status: "ACTIVE" } }),
    db.village.count(),
    db.village.count({ where: { isPoor: true } }),
    db.household.aggregate({ _count: true, _sum: { size: true } }),
  ]);
  return { stations, activeStations, villages, poorVillages, households: households._count, people: households._sum.size ?? 0 };
}
