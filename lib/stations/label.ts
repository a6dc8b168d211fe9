import { db } from "../db";
import type { Viewer } from "../auth/viewer";

/** The viewer's own station as shown in the header, e.g. "示例村001服务站（RS-V001）". */
export async function ownStationLabel(viewer: Viewer): Promise<string | null> {
  if (viewer.stationId == null) return null;
  const station = await db.station.findUnique({ where: { id: viewer.stationId }, select: { code: true, name: true } });
  return station ? `${station.name}（${station.code}）` : null;
}

/** The viewer's own station (id, code, name), or null for a user without one. */
export async function ownStation(viewer: Viewer): Promise<{ id: number; code: string; name: string } | null> {
  if (viewer.stationId == null) return null;
  return db.station.findUnique({ where: { id: viewer.stationId }, select: { id: true, code: true, name: true } });
}
