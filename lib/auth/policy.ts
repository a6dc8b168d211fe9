// The one policy table: every action a person or an API client can take, who may take it, and how far an OPERATOR
// reaches. Pages ask it (can), lib functions enforce it (authorize, readScope), the sidebar and the API/route
// tests derive from it. Nothing else in the code base decides who may do what.
import type { HouseholdStatus, Role } from "../generated/prisma/enums";
import { forbidden } from "../errors";
import type { Viewer } from "./viewer";

const ALL = ["ADMIN", "STAFF", "OPERATOR", "VIEWER"] as const satisfies readonly Role[];
const WORKERS = ["ADMIN", "STAFF", "OPERATOR"] as const satisfies readonly Role[];
const CENTER = ["ADMIN", "STAFF"] as const satisfies readonly Role[];
const ADMIN = ["ADMIN"] as const satisfies readonly Role[];

/**
 * station: "own" — an OPERATOR may take the action only on their own station's records, and asking about another
 * station (a filter or a record) is refused with 403, everywhere; ADMIN and STAFF reach every station; a VIEWER is
 * never station-bound (they read only county-wide dashboards and reports, or a station's figures).
 */
type Rule = { roles: readonly Role[]; station?: "own" };

export const POLICY = {
  // Dashboards, drill-down, reports: everyone signed in; an OPERATOR filtering by station sees only their own.
  "progress.read": { roles: ALL, station: "own" },
  "reports.read": { roles: ALL, station: "own" },
  "coverage.read": { roles: ALL },
  // The registry and the ledger.
  "households.read": { roles: WORKERS, station: "own" },
  "households.create": { roles: WORKERS, station: "own" },
  "households.update": { roles: WORKERS, station: "own" },
  /** Exit and monitoring decisions are the center's, never a station's (transitions in STATUS_TRANSITIONS). */
  "households.changeStatus": { roles: CENTER },
  "households.import": { roles: CENTER },
  "households.export": { roles: WORKERS, station: "own" },
  "income.read": { roles: WORKERS, station: "own" },
  "income.create": { roles: WORKERS, station: "own" },
  "income.reverse": { roles: WORKERS, station: "own" },
  "income.import": { roles: WORKERS, station: "own" },
  "income.export": { roles: WORKERS, station: "own" },
  // Stations, catalog, sales, trainings.
  "stations.read": { roles: WORKERS, station: "own" },
  "stations.create": { roles: CENTER },
  /** An OPERATOR edits only their station's contact fields (stations.manage decides the rest). */
  "stations.update": { roles: WORKERS, station: "own" },
  "stations.manage": { roles: CENTER },
  "products.read": { roles: WORKERS },
  "products.manage": { roles: CENTER },
  /** Product photos: any signed-in user (reports and the catalog show them). */
  "photos.read": { roles: ALL },
  "sales.read": { roles: WORKERS, station: "own" },
  "sales.create": { roles: WORKERS, station: "own" },
  "sales.reverse": { roles: WORKERS, station: "own" },
  "trainings.read": { roles: WORKERS, station: "own" },
  "trainings.create": { roles: WORKERS, station: "own" },
  // Relapse-prevention monitoring (防止返贫动态监测): warnings and cases of the households a station serves for an
  // OPERATOR, everything for ADMIN/STAFF; a VIEWER reads the lists and the consolidation dashboard.
  "monitoring.read": { roles: ALL, station: "own" },
  /** Open a case, record its identification and elimination steps and its assistance measures. */
  "monitoring.manage": { roles: WORKERS, station: "own" },
  /** The county's decisions: the county approval step (of identification and of elimination) and closing a wrong case. */
  "monitoring.decide": { roles: CENTER },
  /** Report a sudden severe hardship of a household. */
  "hardships.report": { roles: WORKERS, station: "own" },
  // Administration.
  "users.manage": { roles: ADMIN },
  "tokens.manage": { roles: ADMIN },
  "audit.read": { roles: ADMIN },
  "settings.manage": { roles: ADMIN },
  // One's own account.
  "me.read": { roles: ALL },
  "me.update": { roles: ALL },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** Allowed household status changes (households.changeStatus): exit once eligible, monitoring and back. */
export const STATUS_TRANSITIONS: Record<HouseholdStatus, readonly HouseholdStatus[]> = {
  POOR: ["EXITED"],
  EXITED: ["MONITORED"],
  MONITORED: ["EXITED"],
};

export function rolesFor(action: Action): readonly Role[] {
  return POLICY[action].roles;
}

function stationBound(action: Action): boolean {
  return (POLICY[action] as Rule).station === "own";
}

/**
 * May the viewer take the action (on a record or filter of `stationId`, when given)? An OPERATOR without a station
 * may take no station-bound action at all.
 */
export function can(viewer: Pick<Viewer, "role" | "stationId">, action: Action, target?: { stationId?: number | null }): boolean {
  if (!rolesFor(action).includes(viewer.role)) return false;
  if (viewer.role !== "OPERATOR" || !stationBound(action)) return true;
  if (viewer.stationId == null) return false;
  if (target === undefined || !("stationId" in target) || target.stationId === undefined) return true;
  return target.stationId === viewer.stationId;
}

/** Throws FORBIDDEN unless can(viewer, action, target). */
export function authorize(viewer: Viewer, action: Action, target?: { stationId?: number | null }): void {
  if (!can(viewer, action, target)) throw forbidden();
}

/**
 * The station a viewer's reads of `action` are confined to: null = every station, a number = that one only. A
 * requested station filter other than the viewer's own is refused (403), never answered with an empty list.
 */
export function readScope(viewer: Viewer, action: Action, requestedStationId?: number | null): number | null {
  authorize(viewer, action, requestedStationId == null ? undefined : { stationId: requestedStationId });
  return viewer.role === "OPERATOR" && stationBound(action) ? viewer.stationId : null;
}

export function canChangeStatus(from: HouseholdStatus, to: HouseholdStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** The station a viewer is bound to (an OPERATOR's own), or null: forms fix their station field to it. */
export function boundStation(viewer: Pick<Viewer, "role" | "stationId">): number | null {
  return viewer.role === "OPERATOR" ? viewer.stationId : null;
}
