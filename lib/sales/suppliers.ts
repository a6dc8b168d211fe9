import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { authorize, readScope } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { parseInput } from "../errors";
import { likeEscape } from "../validation/primitives";
import { supplierSearchSchema } from "../validation/sales";

const LIMIT = 20;

/**
 * The household picker of the sale and training forms: up to 20 households matching a code or head's-name fragment,
 * limited to what the viewer may name: an OPERATOR only households their station serves, ADMIN/STAFF any household.
 * `covered` says whether the given station covers the household's village (ADMIN/STAFF get a warning when not).
 */
export async function searchSupplierHouseholds(viewer: Viewer, input: unknown) {
  authorize(viewer, "sales.create");
  const q = parseInput(supplierSearchSchema, input);
  const scope = readScope(viewer, "sales.create", q.stationId);
  const like = q.q ? likeEscape(q.q) : undefined;
  const where: Prisma.HouseholdWhereInput = {
    stationId: scope ?? undefined,
    OR: like ? [{ code: { contains: like, mode: "insensitive" } }, { headName: { contains: like } }] : undefined,
  };
  const [households, station] = await Promise.all([
    db.household.findMany({
      where,
      orderBy: { code: "asc" },
      take: LIMIT,
      select: { id: true, code: true, headName: true, size: true, status: true, villageId: true, village: { select: { name: true } }, station: { select: { code: true } } },
    }),
    q.stationId ? db.station.findUnique({ where: { id: q.stationId }, select: { coveredVillages: { select: { villageId: true } } } }) : null,
  ]);
  const covered = station ? new Set(station.coveredVillages.map((c) => c.villageId)) : null;
  return households.map(({ villageId, village, station: s, ...h }) => ({
    ...h,
    villageName: village.name,
    stationCode: s?.code ?? null,
    covered: covered ? covered.has(villageId) : null,
  }));
}

export type SupplierOption = Awaited<ReturnType<typeof searchSupplierHouseholds>>[number];
