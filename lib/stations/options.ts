import { db } from "../db";
import { stationScope, type Viewer } from "../auth/viewer";

/** Stations a viewer may pick in a form: all for ADMIN/STAFF/VIEWER, their own for an OPERATOR. */
export async function stationOptions(viewer: Viewer) {
  const scope = stationScope(viewer);
  return db.station.findMany({
    where: scope === null ? {} : { id: scope },
    orderBy: { code: "asc" },
    select: { id: true, code: true, name: true, status: true },
  });
}
