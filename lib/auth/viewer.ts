import type { Role } from "../generated/prisma/enums";
import { forbidden } from "../errors";

/** Who is asking: re-read from the database on every request, so a changed role takes effect at once. */
export type Viewer = {
  id: number;
  email: string;
  name: string;
  role: Role;
  stationId: number | null;
  locale: string;
};

export type RoleSpec = Role | readonly Role[];

export function hasRole(viewer: Viewer, role: RoleSpec): boolean {
  return typeof role === "string" ? viewer.role === role : role.includes(viewer.role);
}

export function assertRole(viewer: Viewer, role: RoleSpec): void {
  if (!hasRole(viewer, role)) throw forbidden();
}

/** ADMIN and STAFF work on every station; an OPERATOR only on their own; a VIEWER on none (read-only). */
export function canWriteStation(viewer: Viewer, stationId: number | null | undefined): boolean {
  if (viewer.role === "ADMIN" || viewer.role === "STAFF") return true;
  return viewer.role === "OPERATOR" && stationId != null && viewer.stationId === stationId;
}

export function assertCanWriteStation(viewer: Viewer, stationId: number | null | undefined): void {
  if (!canWriteStation(viewer, stationId)) throw forbidden();
}

/** Read scope for station-owned data: null = every station; a number = that station only. */
export function stationScope(viewer: Viewer): number | null {
  if (viewer.role === "OPERATOR") {
    if (viewer.stationId == null) throw forbidden();
    return viewer.stationId;
  }
  return null;
}

export function assertCanReadStation(viewer: Viewer, stationId: number | null | undefined): void {
  const scope = stationScope(viewer);
  if (scope !== null && scope !== stationId) throw forbidden();
}
