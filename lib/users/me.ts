import { db } from "../db";
import type { Viewer } from "../auth/viewer";

/** What GET /api/v1/me answers: the caller's identity, role, station and language. */
export async function describeViewer(viewer: Viewer) {
  const station = viewer.stationId
    ? await db.station.findUnique({ where: { id: viewer.stationId }, select: { id: true, code: true, name: true } })
    : null;
  return { id: viewer.id, email: viewer.email, name: viewer.name, role: viewer.role, station, locale: viewer.locale };
}
