import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError, conflict, forbidden, invalid, notFound, parseInput, type Msg } from "../errors";
import { assertCanReadStation, assertCanWriteStation, assertRole, stationScope, type Viewer } from "../auth/viewer";
import { Prisma } from "../generated/prisma/client";
import { maskIdNumber, maskPhone } from "./mask";
import { buildAssessment, type Assessment } from "./assessment";
import type { FiveGuarantees } from "../progress/rules";
import {
  NOT_EDITABLE,
  assessmentQuerySchema,
  createHouseholdSchema,
  currentYear,
  householdQuerySchema,
  householdSearchSchema,
  statusChangeSchema,
  updateHouseholdSchema,
  type HouseholdQuery,
} from "../validation/households";

type Tx = Prisma.TransactionClient;

/** Who works with households: ADMIN and STAFF everywhere, an OPERATOR on their station's households only. */
export const HOUSEHOLD_ROLES = ["ADMIN", "STAFF", "OPERATOR"] as const;

/** The registry rows a viewer may see: everything, or (OPERATOR) the households their station serves. */
export function householdScope(viewer: Viewer): Prisma.HouseholdWhereInput {
  assertRole(viewer, HOUSEHOLD_ROLES);
  const scope = stationScope(viewer);
  return scope === null ? {} : { stationId: scope };
}

/** Loads a household the viewer may read, or throws NOT_FOUND / FORBIDDEN (an OPERATOR guessing another station's id). */
export async function readableHousehold(viewer: Viewer, id: number, client: Tx | typeof db = db) {
  assertRole(viewer, HOUSEHOLD_ROLES);
  if (!Number.isInteger(id) || id < 1) throw notFound();
  const household = await client.household.findUnique({ where: { id } });
  if (!household) throw notFound();
  assertCanReadStation(viewer, household.stationId);
  return household;
}

/** ADMIN and STAFF may write every household (and its ledger); an OPERATOR only those of their station. */
export function assertCanWriteHousehold(viewer: Viewer, stationId: number | null) {
  assertCanWriteStation(viewer, stationId);
}

const LIST_SELECT = {
  id: true, code: true, headName: true, idNumber: true, phone: true, size: true, type: true, causes: true, status: true,
  registeredYear: true, exitYear: true,
  foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true,
  village: { select: { id: true, name: true, township: { select: { id: true, name: true } } } },
  station: { select: { id: true, code: true, name: true } },
} as const satisfies Prisma.HouseholdSelect;

type ListRecord = Prisma.HouseholdGetPayload<{ select: typeof LIST_SELECT }>;

/** A registry row: personal data masked. */
function listRow(h: ListRecord) {
  return {
    id: h.id, code: h.code, headName: h.headName, idNumber: maskIdNumber(h.idNumber), phone: maskPhone(h.phone), size: h.size,
    type: h.type, causes: h.causes, status: h.status, registeredYear: h.registeredYear, exitYear: h.exitYear,
    foodClothingSecure: h.foodClothingSecure, educationSecure: h.educationSecure, medicalSecure: h.medicalSecure,
    housingSecure: h.housingSecure, waterSecure: h.waterSecure,
    village: { id: h.village.id, name: h.village.name }, township: h.village.township, station: h.station,
  };
}
export type HouseholdListRow = ReturnType<typeof listRow>;

type Filters = Omit<HouseholdQuery, "sort" | "dir" | "page" | "pageSize">;

/** Prisma filters (exports and counts without a cause filter; the cause is applied in SQL or in memory, see below). */
function whereFor(viewer: Viewer, q: Filters): Prisma.HouseholdWhereInput {
  const and: Prisma.HouseholdWhereInput[] = [householdScope(viewer)];
  if (q.q) and.push({ OR: [{ code: { contains: q.q, mode: "insensitive" } }, { headName: { contains: q.q } }] });
  if (q.townshipId) and.push({ village: { townshipId: q.townshipId } });
  if (q.villageId) and.push({ villageId: q.villageId });
  if (q.stationId) and.push({ stationId: q.stationId });
  if (q.status) and.push({ status: q.status });
  if (q.type) and.push({ type: q.type });
  if (q.exitYear) and.push({ exitYear: q.exitYear });
  return { AND: and };
}

function orderFor(q: HouseholdQuery): Prisma.HouseholdOrderByWithRelationInput[] {
  const dir = q.dir;
  const main: Prisma.HouseholdOrderByWithRelationInput = q.sort === "village" ? { village: { name: dir } } : { [q.sort]: dir };
  return q.sort === "code" ? [main] : [main, { code: "asc" }];
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const SORT_SQL: Record<HouseholdQuery["sort"], string> = {
  code: `h."code"`, headName: `h."headName"`, size: `h."size"`, village: `v."name"`, status: `h."status"`, type: `h."type"`,
  registeredYear: `h."registeredYear"`, exitYear: `h."exitYear"`,
};

/**
 * The registry's filter, sort and page as one parameterised SQL query for the ids (and one for the count); Prisma then
 * loads just that page. Two reasons: Prisma's `causes: { has }` sends an enum-array parameter that the PGlite adapter
 * cannot serialise ("malformed array literal"), and large `id IN (…)` lists are slow through the query compiler.
 */
async function selectHouseholdIds(viewer: Viewer, q: HouseholdQuery): Promise<{ ids: number[]; total: number }> {
  householdScope(viewer);
  const scope = stationScope(viewer);
  const conds: Prisma.Sql[] = [];
  if (scope !== null) conds.push(Prisma.sql`h."stationId" = ${scope}`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    // Codes are [A-Za-z0-9-]: a search with any other character can only be part of a name.
    conds.push(/^[A-Za-z0-9-]+$/.test(q.q) ? Prisma.sql`(h."code" ILIKE ${like} OR h."headName" LIKE ${like})` : Prisma.sql`h."headName" LIKE ${like}`);
  }
  if (q.townshipId) conds.push(Prisma.sql`v."townshipId" = ${q.townshipId}`);
  if (q.villageId) conds.push(Prisma.sql`h."villageId" = ${q.villageId}`);
  if (q.stationId) conds.push(Prisma.sql`h."stationId" = ${q.stationId}`);
  if (q.status) conds.push(Prisma.sql`h."status" = ${q.status}::text::"HouseholdStatus"`);
  if (q.type) conds.push(Prisma.sql`h."type" = ${q.type}::text::"HouseholdType"`);
  if (q.cause) conds.push(Prisma.sql`${q.cause}::text::"PovertyCause" = ANY(h."causes")`);
  if (q.exitYear) conds.push(Prisma.sql`h."exitYear" = ${q.exitYear}`);
  const where = conds.length ? Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}` : Prisma.empty;
  const dir = q.dir === "desc" ? "DESC" : "ASC";
  // Sort keys come from a fixed table, never from the request text; NULLs (no exit year) last either way.
  const order = Prisma.raw(`${SORT_SQL[q.sort]} ${dir} NULLS LAST${q.sort === "code" ? "" : `, h."code" ASC`}`);
  // Join the village only when a filter or the sort needs it: the join alone triples the cost of a count (PGlite).
  const join = q.townshipId || q.sort === "village" ? Prisma.sql`JOIN "Village" v ON v."id" = h."villageId"` : Prisma.empty;
  const from = Prisma.sql`FROM "Household" h ${join} ${where}`;
  // The page and the count as two queries: the page can then stop early along an index (a window count cannot).
  const [rows, count] = await Promise.all([
    db.$queryRaw<{ id: number }[]>`SELECT h."id" ${from} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    db.$queryRaw<{ n: bigint | number }[]>`SELECT count(*)::bigint AS n ${from}`,
  ]);
  return { ids: rows.map((r) => Number(r.id)), total: Number(count[0].n) };
}

/** The registry: filtered, sorted, one page, personal data masked. */
export async function listHouseholds(viewer: Viewer, query: unknown) {
  householdScope(viewer);
  const q = parseInput(householdQuerySchema, query);
  const { ids, total } = await selectHouseholdIds(viewer, q);
  const records = ids.length ? await db.household.findMany({ where: { id: { in: ids } }, select: LIST_SELECT }) : [];
  const byId = new Map(records.map((r) => [r.id, r]));
  return { rows: ids.map((id) => listRow(byId.get(id)!)), total, page: q.page, pageSize: q.pageSize, query: q };
}

/** Every registry row matching the filters (for exports), masked, at most `limit` rows (throws above that). */
export async function allHouseholdRows(viewer: Viewer, query: unknown, limit: number) {
  householdScope(viewer);
  const q = parseInput(householdQuerySchema, query);
  const where = whereFor(viewer, q);
  const total = q.cause ? (await selectHouseholdIds(viewer, { ...q, page: 1, pageSize: 1 })).total : await db.household.count({ where });
  if (total > limit) throw new AppError("VALIDATION", { key: "import.errors.exportTooLarge", values: { count: total, max: limit } });
  const records = await db.household.findMany({ where, orderBy: orderFor(q), select: LIST_SELECT });
  // The cause filter (see selectHouseholdIds) is applied here, on rows that are all loaded anyway.
  return records.filter((r) => !q.cause || r.causes.includes(q.cause)).map(listRow);
}

/** The household picker: up to 10 households by code prefix or head's name, within the viewer's scope. */
export async function searchHouseholds(viewer: Viewer, input: unknown) {
  const scope = householdScope(viewer);
  const { q } = parseInput(householdSearchSchema, input);
  const rows = await db.household.findMany({
    where: { AND: [scope, { OR: [{ code: { startsWith: q, mode: "insensitive" } }, { headName: { contains: q } }] }] },
    orderBy: { code: "asc" },
    take: 10,
    select: { id: true, code: true, headName: true, size: true, status: true, registeredYear: true, village: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, code: r.code, headName: r.headName, size: r.size, status: r.status, registeredYear: r.registeredYear, village: r.village.name }));
}

const DETAIL_INCLUDE = {
  village: { select: { id: true, code: true, name: true, township: { select: { id: true, name: true } } } },
  station: { select: { id: true, code: true, name: true } },
  statusChanges: { orderBy: [{ changedAt: "asc" }, { id: "asc" }], include: { changedBy: { select: { name: true, email: true } } } },
} as const satisfies Prisma.HouseholdInclude;

type DetailRecord = Prisma.HouseholdGetPayload<{ include: typeof DETAIL_INCLUDE }>;

function detail(h: DetailRecord) {
  return {
    id: h.id, code: h.code, headName: h.headName, idNumber: h.idNumber, phone: h.phone, size: h.size, type: h.type, causes: h.causes,
    status: h.status, registeredYear: h.registeredYear, exitYear: h.exitYear,
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
  assertRole(viewer, HOUSEHOLD_ROLES);
  if (!Number.isInteger(id) || id < 1) throw notFound();
  const household = await db.household.findUnique({ where: { id }, include: DETAIL_INCLUDE });
  if (!household) throw notFound();
  assertCanReadStation(viewer, household.stationId);
  return detail(household);
}

/** The current values (for a 409 on a stale edit). */
async function currentDetail(tx: Tx, id: number) {
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
  assertRole(viewer, HOUSEHOLD_ROLES);
  const data = parseInput(createHouseholdSchema, input);
  // An OPERATOR registers households for their own station (the default when they leave the station out).
  const stationId = viewer.role === "OPERATOR" ? (data.stationId === undefined ? viewer.stationId : data.stationId) : (data.stationId ?? null);
  assertCanWriteHousehold(viewer, viewer.role === "OPERATOR" ? stationId : null);
  if (viewer.role === "OPERATOR" && data.status !== "POOR") throw forbidden();
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
    const after = await currentDetail(tx, created.id);
    await writeAudit(tx, viewer, { action: "create", entity: "Household", entityId: created.id, after: auditable(after) });
    return after;
  }).catch((error: unknown) => {
    // Two registrations of one code at once both pass the check above; the unique index lets one through, and the
    // other gets the same answer as a sequential duplicate.
    if ((error as { code?: unknown } | null)?.code === "P2002") throw codeTaken();
    throw error;
  });
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
  assertRole(viewer, HOUSEHOLD_ROLES);
  if (input && typeof input === "object") {
    const fields = Object.fromEntries(NOT_EDITABLE.filter((k) => k in input).map((k) => [k, { key: "households.validation.notEditable" }]));
    if (Object.keys(fields).length) throw invalid(fields);
  }
  const data = parseInput(updateHouseholdSchema, input);
  return db.$transaction(async (tx) => {
    const before = await readableHousehold(viewer, id, tx);
    assertCanWriteHousehold(viewer, before.stationId);
    // An OPERATOR cannot hand a household to another station (or to none).
    if (viewer.role === "OPERATOR" && data.stationId !== undefined && data.stationId !== viewer.stationId) throw forbidden();
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
    const after = await currentDetail(tx, id);
    await writeAudit(tx, viewer, { action: "update", entity: "Household", entityId: id, before: auditable(beforeDetail), after: auditable(after) });
    return after;
  });
}

/** Net ledger income of a household per calendar year (reversals included), through the (householdId, date) index. */
export async function incomeByYear(householdId: number, client: Tx | typeof db = db): Promise<Map<number, number>> {
  const rows = await client.$queryRaw<{ year: number; total: bigint | number }[]>`
    SELECT EXTRACT(YEAR FROM "date")::int AS year, SUM("amountFen")::bigint AS total
    FROM "IncomeEntry" WHERE "householdId" = ${householdId} GROUP BY 1 ORDER BY 1`;
  return new Map(rows.map((r) => [Number(r.year), Number(r.total)]));
}

async function yearIncome(client: Tx | typeof db, householdId: number, year: number): Promise<number> {
  const rows = await client.$queryRaw<{ total: bigint | number | null }[]>`
    SELECT SUM("amountFen")::bigint AS total FROM "IncomeEntry"
    WHERE "householdId" = ${householdId} AND "date" >= ${new Date(Date.UTC(year, 0, 1))} AND "date" < ${new Date(Date.UTC(year + 1, 0, 1))}`;
  return Number(rows[0]?.total ?? 0);
}

async function lineFor(client: Tx | typeof db, year: number): Promise<number | null> {
  return (await client.povertyLine.findUnique({ where: { year }, select: { fenPerPerson: true } }))?.fenPerPerson ?? null;
}

/** The exit assessment of a household for a year: per-capita income, the line, each guarantee, eligible or why not. */
export async function assessHousehold(viewer: Viewer, id: number, query: unknown): Promise<Assessment> {
  const household = await readableHousehold(viewer, id);
  const { year } = parseInput(assessmentQuerySchema, query);
  const [incomeFen, lineFen] = await Promise.all([yearIncome(db, id, year), lineFor(db, year)]);
  return buildAssessment(household, year, incomeFen, lineFen);
}

/**
 * Per-capita income per year from the registration year to the last year with income or a poverty line, each next to that year's line and with its
 * assessment: what the household page shows. One grouped query on the ledger plus the (small) poverty-line table.
 */
export async function householdYears(viewer: Viewer, id: number): Promise<Assessment[]> {
  return yearsFor(await readableHousehold(viewer, id));
}

/** The per-year assessments of an already-authorised household (the household page loads it once). */
export async function yearsFor(household: FiveGuarantees & { id: number; size: number; registeredYear: number }): Promise<Assessment[]> {
  const [byYear, lines] = await Promise.all([incomeByYear(household.id), db.povertyLine.findMany({ select: { year: true, fenPerPerson: true } })]);
  const lineByYear = new Map(lines.map((l) => [l.year, l.fenPerPerson]));
  // From registration to the last year that has income or a line (not a run of empty future-looking years).
  const first = Math.min(household.registeredYear, ...byYear.keys());
  const last = Math.max(household.registeredYear, ...byYear.keys(), ...[...lineByYear.keys()].filter((y) => y <= currentYear()));
  const years: Assessment[] = [];
  for (let y = last; y >= first; y--) years.push(buildAssessment(household, y, byYear.get(y) ?? 0, lineByYear.get(y) ?? null));
  return years;
}

const TRANSITIONS: Record<string, string[]> = { POOR: ["EXITED"], EXITED: ["MONITORED"], MONITORED: ["EXITED"] };

/**
 * Status changes, ADMIN or STAFF only: POOR → EXITED when the household is exit-eligible for the year (which becomes
 * its exit year); EXITED → MONITORED (relapse risk) and back. Each writes the status history and the audit log.
 */
/** Who may change a household's status (exit, monitoring): center staff, never a station operator. */
export const STATUS_CHANGE_ROLES = ["ADMIN", "STAFF"] as const;

export async function changeHouseholdStatus(viewer: Viewer, id: number, input: unknown) {
  assertRole(viewer, STATUS_CHANGE_ROLES);
  const data = parseInput(statusChangeSchema, input);
  return db.$transaction(async (tx) => {
    const household = await readableHousehold(viewer, id, tx);
    if (!TRANSITIONS[household.status]?.includes(data.toStatus)) {
      throw invalid({ toStatus: { key: "households.errors.transition", values: { from: household.status, to: data.toStatus } } });
    }
    let exitYear = household.exitYear;
    let year: number | null = null;
    if (household.status === "POOR") {
      year = data.year ?? currentYear() - 1;
      if (year < household.registeredYear) throw invalid({ year: { key: "households.validation.exitBeforeRegistered" } });
      const assessment = buildAssessment(household, year, await yearIncome(tx, id, year), await lineFor(tx, year));
      if (!assessment.eligible) {
        throw new AppError("VALIDATION", { key: "households.errors.notEligible", values: { year } }, { toStatus: { key: "households.errors.notEligible", values: { year } } }, { assessment });
      }
      exitYear = year;
    }
    const { count } = await tx.household.updateMany({
      where: { id, version: household.version },
      data: { status: data.toStatus, exitYear, version: { increment: 1 } },
    });
    if (count === 0) throw conflict({ key: "households.errors.stale" }, { current: await currentDetail(tx, id) });
    await tx.householdStatusChange.create({
      data: { householdId: id, fromStatus: household.status, toStatus: data.toStatus, year: year ?? exitYear, reason: data.reason, changedById: viewer.id },
    });
    await writeAudit(tx, viewer, {
      action: "statusChange", entity: "Household", entityId: id,
      before: { status: household.status, exitYear: household.exitYear },
      after: { status: data.toStatus, exitYear, reason: data.reason },
    });
    return currentDetail(tx, id);
  });
}

/** Villages and townships for the registry filters and the household form. */
export async function placeOptions(viewer: Viewer) {
  assertRole(viewer, HOUSEHOLD_ROLES);
  const [townships, villages] = await Promise.all([
    db.township.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true } }),
    db.village.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true, townshipId: true } }),
  ]);
  return { townships, villages };
}
