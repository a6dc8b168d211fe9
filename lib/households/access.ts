// Who may read and write which household: the policy table (lib/auth/policy.ts) applied to the registry.
import { db } from "../db";
import { notFound } from "../errors";
import { authorize, readScope, type Action } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import type { Prisma } from "../generated/prisma/client";
import { assertId } from "../validation/primitives";

type Tx = Prisma.TransactionClient;

/**
 * The registry rows a viewer may see for `action`: everything, or (OPERATOR) the households their station serves.
 * A station filter other than an OPERATOR's own is refused (403).
 */
export function householdScope(viewer: Viewer, action: Action = "households.read", requestedStationId?: number | null): Prisma.HouseholdWhereInput {
  const scope = readScope(viewer, action, requestedStationId);
  return scope === null ? {} : { stationId: scope };
}

/** Loads a household the viewer may read, or throws NOT_FOUND / FORBIDDEN (an OPERATOR guessing another station's id). */
export async function readableHousehold(viewer: Viewer, id: number, client: Tx | typeof db = db) {
  authorize(viewer, "households.read");
  assertId(id);
  const household = await client.household.findUnique({ where: { id } });
  if (!household) throw notFound();
  authorize(viewer, "households.read", { stationId: household.stationId });
  return household;
}
