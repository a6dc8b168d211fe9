// One household's record: read with full personal data, register, edit (optimistic locking).
import { db } from "../db";
import { writeAudit } from "../audit";
import { conflict, invalid, isUniqueViolation, notFound, parseInput, type Msg } from "../errors";
import { authorize } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import type { Prisma } from "../generated/prisma/client";
import { maskIdNumber, maskPhone } from "./mask";
import { readableHousehold } from "./access";
import { NOT_EDITABLE, createHouseholdSchema, nextCodeQuerySchema, updateHouseholdSchema } from "../validation/households";
import { nextCodeAfter } from "./codes";
import { assertId } from "../validation/primitives";
import { refreshWarnings } from "../monitoring/warnings";

type Tx = Prisma.TransactionClient;

const DETAIL_INCLUDE = {
  village: { select: { id: true, code: true, name: true, township: { select: { id: true, name: true, nameEn: true } } } },
  station: { select: { id: true, code: true, name: true } },
  statusChanges: { orderBy: [{ changedAt: "asc" }, { id: "asc" }], include: { changedBy: { select: { name: true, email: true } } } },
} as const satisfies Prisma.HouseholdInclude;

type DetailRecord = Prisma.HouseholdGetPayload<{ include: typeof DETAIL_INCLUDE }>;

function detail(h: DetailRecord) {
  return {
    id: h.id, code: h.code, headName: h.headName, idNumber: h.idNumber, phone: h.phone, size: h.size, type: h.type, causes: h.causes,
    status: h.status, kind: h.kind, registeredYear: h.registeredYear, exitYear: h.exitYear,
    foodClothingSecure: h.foodClothingSecure, educationSecure: h.educationSecure, medicalSecure: h.medicalSecure,
    housingSecure: h.housingSecure, waterSecure: h.waterSecure, version: h.version,
    villageId: h.villageId, stationId: h.stationId,
    village: { id: h.village.id, code: h.village.code, name: h.village.name }, township: h.village.township, station: h.station,
    statusHistory: h.statusChanges.map((c) => ({
      id: c.id, fromStatus: c.fromStatus, toStatus: c.toStatus, year: c.year, reason: c.reason, changedAt: c.changedAt.toISOString(),
      changedBy: c.changedBy?.name ?? null,
    })),
    createdAt: h.createdAt.toISOString(), updatedAt: h.updatedAt.toISOString(),
  };
}
export type HouseholdDetail = ReturnType<typeof detail>;

/** One household with full personal data: only for those who may read it (ADMIN, STAFF, its own station's operator). */
export async function getHousehold(viewer: Viewer, id: number): Promise<HouseholdDetail> {
  authorize(viewer, "households.read");
  assertId(id);
  const household = await db.household.findUnique({ where: { id }, include: DETAIL_INCLUDE });
  if (!household) throw notFound();
  authorize(viewer, "households.read", { stationId: household.stationId });
  return detail(household);
}

/** The current values (for a 409 on a stale edit). */
export async function currentDetail(tx: Tx, id: number) {
  return detail(await tx.household.findUniqueOrThrow({ where: { id }, include: DETAIL_INCLUDE }));
}

async function assertPlace(tx: Tx, villageId: number | undefined, stationId: number | null | undefined) {
  const fields: Record<string, Msg> = {};
  const village = villageId === undefined ? null : await tx.village.findUnique({ where: { id: villageId }, select: { id: true, countyId: true } });
  if (villageId !== undefined && !village) fields.villageId = { key: "households.validation.unknownVillage" };
  if (stationId != null && !(await tx.station.findUnique({ where: { id: stationId }, select: { id: true } }))) fields.stationId = { key: "validation.unknownStation" };
  if (Object.keys(fields).length) throw invalid(fields);
  return village;
}

/** Registers a household (status POOR unless an imported record says otherwise), with its first status-history row. */
export async function createHousehold(viewer: Viewer, input: unknown) {
  authorize(viewer, "households.create");
  const data = parseInput(createHouseholdSchema, input);
  // An OPERATOR registers households for their own station (the default when they leave the station out), and
  // only as POOR: a household registered as exited is a status decision, the center's (households.changeStatus).
  const stationId = viewer.role === "OPERATOR" && data.stationId === undefined ? viewer.stationId : (data.stationId ?? null);
  authorize(viewer, "households.create", { stationId });
  // Entering an ordinary household for monitoring only is not a status decision: any worker may (their station's).
  if (data.kind === "REGISTERED" && data.status !== "POOR") authorize(viewer, "households.changeStatus");
  const codeTaken = () => invalid({ code: { key: "households.validation.codeTaken" } });
  return db.$transaction(async (tx) => {
    const village = (await assertPlace(tx, data.villageId, stationId))!;
    if (await tx.household.findUnique({ where: { code: data.code }, select: { id: true } })) throw codeTaken();
    const { villageId, stationId: _s, ...rest } = data;
    const created = await tx.household.create({
      data: { ...rest, idNumber: rest.idNumber ?? null, phone: rest.phone ?? null, exitYear: rest.exitYear ?? null, countyId: village.countyId, villageId, stationId },
    });
    await tx.householdStatusChange.create({
      data: { householdId: created.id, fromStatus: null, toStatus: created.status, year: created.exitYear ?? created.registeredYear, reason: "新增建档", changedById: viewer.id },
    });
    await refreshWarnings(tx, [created.id]);
    const after = await currentDetail(tx, created.id);
    await writeAudit(tx, viewer, { action: "create", entity: "Household", entityId: created.id, after: auditable(after) });
    return after;
  }).catch((error: unknown) => {
    // Two registrations of one code at once both pass the check above; the unique index lets one through, and the
    // other gets the same answer as a sequential duplicate.
    if (isUniqueViolation(error)) throw codeTaken();
    throw error;
  });
}

/**
 * The code the household form suggests for a new household of a village (the rule: lib/households/codes.ts), for
 * someone allowed to register households. An OPERATOR asks for their own station: another station's `stationId` is
 * refused with 403, as createHousehold refuses it. An unknown village is a field error. The suggestion is not
 * reserved: two clerks may be offered the same code, and the second to save gets the "code taken" field error.
 */
export async function nextHouseholdCode(viewer: Viewer, input: unknown): Promise<{ villageId: number; code: string }> {
  authorize(viewer, "households.create");
  const { villageId, stationId } = parseInput(nextCodeQuerySchema, input);
  if (stationId !== undefined) authorize(viewer, "households.create", { stationId });
  const village = await db.village.findUnique({ where: { id: villageId }, select: { code: true } });
  if (!village) throw invalid({ villageId: { key: "households.validation.unknownVillage" } });
  // Codes are unique in the whole registry, so the pattern is looked up there, not only among this village's rows
  // (a household moved to another village keeps its code). A village holds a few hundred households at most.
  const rows = await db.household.findMany({ where: { code: { startsWith: `${village.code}-` } }, select: { code: true } });
  return { villageId, code: nextCodeAfter(village.code, rows.map((r) => r.code)) };
}

/** Personal data is not copied into the audit log in clear: the log is read by more people than the record. */
function auditable(h: HouseholdDetail) {
  const { statusHistory: _h, createdAt: _c, updatedAt: _u, ...rest } = h;
  return { ...rest, idNumber: maskIdNumber(h.idNumber), phone: maskPhone(h.phone) };
}

/**
 * Edits a household's profile. The caller sends the version it saw; if someone saved in between, the edit is refused
 * with a 409 carrying the current values, never silently overwritten.
 */
export async function updateHousehold(viewer: Viewer, id: number, input: unknown) {
  authorize(viewer, "households.update");
  assertId(id);
  if (input && typeof input === "object") {
    const fields = Object.fromEntries(NOT_EDITABLE.filter((k) => k in input).map((k) => [k, { key: "households.validation.notEditable" }]));
    if (Object.keys(fields).length) throw invalid(fields);
  }
  const data = parseInput(updateHouseholdSchema, input);
  return db.$transaction(async (tx) => {
    const before = await readableHousehold(viewer, id, tx);
    authorize(viewer, "households.update", { stationId: before.stationId });
    // An OPERATOR cannot hand a household to another station (or to none).
    if (data.stationId !== undefined) authorize(viewer, "households.update", { stationId: data.stationId });
    const village = await assertPlace(tx, data.villageId, data.stationId);
    const registeredYear = data.registeredYear ?? before.registeredYear;
    if (before.exitYear !== null && before.exitYear < registeredYear) throw invalid({ registeredYear: { key: "households.validation.exitBeforeRegistered" } });
    const { version, ...changes } = data;
    const beforeDetail = await currentDetail(tx, id);
    const { count } = await tx.household.updateMany({
      where: { id, version },
      data: { ...changes, ...(village ? { countyId: village.countyId } : {}), version: { increment: 1 } },
    });
    if (count === 0) throw conflict({ key: "households.errors.stale" }, { current: await currentDetail(tx, id) });
    await refreshWarnings(tx, [id]); // size, guarantees, village or station may have changed
    const after = await currentDetail(tx, id);
    await writeAudit(tx, viewer, { action: "update", entity: "Household", entityId: id, before: auditable(beforeDetail), after: auditable(after) });
    return after;
  });
}

