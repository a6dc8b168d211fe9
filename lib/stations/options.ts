import { db } from "../db";
import { readScope } from "../auth/policy";
import type { Viewer } from "../auth/viewer";

/** Stations a viewer may pick in a form or a report filter: all for ADMIN/STAFF/VIEWER, their own for an OPERATOR. */
export async function stationOptions(viewer: Viewer) {
  const scope = readScope(viewer, "reports.read");
  return db.station.findMany({
    where: scope === null ? {} : { id: scope },
    orderBy: { code: "asc" },
    select: { id: true, code: true, name: true, status: true },
  });
}
