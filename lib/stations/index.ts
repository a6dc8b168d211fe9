import { db } from "../db";
import { notFound } from "../errors";
import { assertCanReadStation, type Viewer } from "../auth/viewer";

/** One station with its covered villages. An OPERATOR may read only their own station. */
export async function getStation(viewer: Viewer, stationId: number) {
  assertCanReadStation(viewer, stationId);
  const station = await db.station.findUnique({
    where: { id: stationId },
    include: { township: true, village: true, coveredVillages: { include: { village: true } } },
  });
  if (!station) throw notFound();
  return station;
}
