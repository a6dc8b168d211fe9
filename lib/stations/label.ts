import { db } from "../db";
import type { Viewer } from "../auth/viewer";

/** The viewer's own station as shown in the header, e.g. "示例村001服务站（RS-V001）". */
export async function ownStationLabel(viewer: Viewer): Promise<string | null> {
  if (viewer.stationId == null) return null;
  const station = await db.station.findUnique({ where: { id: viewer.stationId }, select: { code: true, name: true } });
  return station ? `${station.name}（${station.code}）` : null;
}
