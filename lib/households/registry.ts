// The registry: the filtered, sorted, paged list, the picker's search, export rows and the place options.
import { db } from "../db";
import { parseInput } from "../errors";
import { authorize } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { Prisma } from "../generated/prisma/client";
import { maskIdNumber, maskPhone } from "./mask";
import { householdScope } from "./access";
import { householdQuerySchema, householdSearchSchema, type HouseholdQuery } from "../validation/households";
import { likeEscape } from "../validation/primitives";

const LIST_SELECT = {
  id: true, code: true, headName: true, idNumber: true, phone: true, size: true, type: true, causes: true, status: true,
  registeredYear: true, exitYear: true,
  foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true,
  village: { select: { id: true, name: true, township: { select: { id: true, name: true, nameEn: true } } } },
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

const SORT_SQL: Record<HouseholdQuery["sort"], string> = {
  code: `h."code"`, headName: `h."headName"`, size: `h."size"`, village: `v."name"`, status: `h."status"`, type: `h."type"`,
  registeredYear: `h."registeredYear"`, exitYear: `h."exitYear"`,
};

/**
 * The registry's filter and sort as parameterised SQL (the page's ids and count, and the export's rows). Two reasons
 * for SQL: Prisma's `causes: { has }` sends an enum-array parameter that the PGlite adapter cannot serialise
 * ("malformed array literal"), and large `id IN (…)` lists are slow through the query compiler.
 */
function filterSql(viewer: Viewer, q: HouseholdQuery, action: "households.read" | "households.export", extra?: Prisma.Sql) {
  const scope = householdScope(viewer, action, q.stationId).stationId as number | undefined;
  const conds: Prisma.Sql[] = extra ? [extra] : [];
  if (scope !== undefined) conds.push(Prisma.sql`h."stationId" = ${scope}`);
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
  // Does a filter narrow the registry beyond the viewer's scope (and the caller's extra condition)?
  const narrowed = conds.length > (extra ? 1 : 0) + (scope !== undefined ? 1 : 0);
  const dir = q.dir === "desc" ? "DESC" : "ASC";
  // Sort keys come from a fixed table, never from the request text; NULLs (no exit year) last either way.
  const order = Prisma.raw(`${SORT_SQL[q.sort]} ${dir} NULLS LAST${q.sort === "code" ? "" : `, h."code" ASC`}`);
  // Join the village only when a filter or the sort needs it: the join alone triples the cost of a count (PGlite).
  const join = q.townshipId || q.sort === "village" ? Prisma.sql`JOIN "Village" v ON v."id" = h."villageId"` : Prisma.empty;
  return { from: Prisma.sql`FROM "Household" h ${join} ${where}`, order, narrowed, scope };
}

/**
 * How many households the registry holds for the viewer, when nothing narrows it: registered households from the
 * per-group summary that the triggers keep (a row per village, station, year and status, not per household), plus
 * the households entered for monitoring only (a small minority, counted along a partial index).
 */
async function unfilteredCount(stationId: number | undefined): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT (SELECT coalesce(sum(households), 0) FROM "ProgressHouseholdGroup" ${stationId === undefined ? Prisma.empty : Prisma.sql`WHERE "stationId" = ${stationId}`})
         + (SELECT count(*) FROM "Household" WHERE kind = 'MONITORING' ${stationId === undefined ? Prisma.empty : Prisma.sql`AND "stationId" = ${stationId}`}) AS n`;
  return Number(row.n);
}

/** The page's ids (filtered, sorted) and the count. */
async function selectHouseholdIds(viewer: Viewer, q: HouseholdQuery): Promise<{ ids: number[]; total: number }> {
  const { from, order, narrowed, scope } = filterSql(viewer, q, "households.read");
  // The page and the count as two queries: the page can then stop early along an index (a window count cannot).
  const [rows, total] = await Promise.all([
    db.$queryRaw<{ id: number }[]>`SELECT h."id" ${from} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    narrowed ? db.$queryRaw<{ n: bigint | number }[]>`SELECT count(*)::bigint AS n ${from}`.then((r) => Number(r[0].n)) : unfilteredCount(scope),
  ]);
  return { ids: rows.map((r) => Number(r.id)), total };
}

/** The registry: filtered, sorted, one page, personal data masked. */
export async function listHouseholds(viewer: Viewer, query: unknown) {
  authorize(viewer, "households.read");
  const q = parseInput(householdQuerySchema, query);
  const { ids, total } = await selectHouseholdIds(viewer, q);
  const records = ids.length ? await db.household.findMany({ where: { id: { in: ids } }, select: LIST_SELECT }) : [];
  const byId = new Map(records.map((r) => [r.id, r]));
  return { rows: ids.map((id) => listRow(byId.get(id)!)), total, page: q.page, pageSize: q.pageSize, query: q };
}


/** A registry row as the export query returns it: the household's own columns (places are looked up, see below). */
type ExportSqlRow = Omit<ListRecord, "village" | "station" | "causes"> & { causes: string | null; villageId: number; stationId: number | null };

/**
 * Every registry row matching the filters (for exports), masked, in batches of `batchSize` in the list's order: a
 * download of the whole county never holds more than one batch in memory. One SQL query per batch (LIMIT/OFFSET in
 * the list's order) of the household's own columns; villages, townships and stations (a few hundred rows) are read
 * once and looked up. Prisma's relation loading took ~1 s per 2,000 rows on PGlite; this is several times faster.
 * Authorised and validated before the first batch is read, so a refusal is an error, not a broken file.
 */
export async function householdRowBatches(viewer: Viewer, query: unknown, batchSize = 5_000): Promise<AsyncGenerator<HouseholdListRow[]>> {
  authorize(viewer, "households.export");
  const q = parseInput(householdQuerySchema, query);
  const { order } = filterSql(viewer, q, "households.export");
  // Sorted by code (the default): keyset batches (code after the last one sent) along the code index, so no batch
  // re-reads the rows before it; other sorts page by OFFSET.
  const keyset = q.sort === "code";
  const [villages, stations] = await Promise.all([
    db.village.findMany({ select: { id: true, name: true, township: { select: { id: true, name: true, nameEn: true } } } }),
    db.station.findMany({ select: { id: true, code: true, name: true } }),
  ]);
  const villageById = new Map(villages.map((v) => [v.id, v]));
  const stationById = new Map(stations.map((st) => [st.id, st]));
  return (async function* () {
    let last: string | null = null;
    for (let offset = 0; ; offset += batchSize) {
      const after = keyset && last !== null ? (q.dir === "desc" ? Prisma.sql`h."code" < ${last}` : Prisma.sql`h."code" > ${last}`) : undefined;
      const { from } = filterSql(viewer, q, "households.export", after);
      const rows: ExportSqlRow[] = await db.$queryRaw<ExportSqlRow[]>`
        SELECT h."id", h."code", h."headName", h."idNumber", h."phone", h."size", h."type"::text AS "type",
               array_to_string(h."causes", ',') AS "causes", h."status"::text AS "status", h."registeredYear", h."exitYear",
               h."foodClothingSecure", h."educationSecure", h."medicalSecure", h."housingSecure", h."waterSecure", h."villageId", h."stationId"
        ${from} ORDER BY ${order} LIMIT ${batchSize} OFFSET ${keyset ? 0 : offset}`;
      if (rows.length === 0) return;
      yield rows.map(({ villageId, stationId, causes, ...h }) => listRow({
        ...h, causes: (causes ? causes.split(",") : []) as ListRecord["causes"],
        village: villageById.get(villageId)!, station: stationId === null ? null : stationById.get(stationId) ?? null,
      }));
      if (rows.length < batchSize) return;
      last = rows[rows.length - 1].code;
    }
  })();
}

/** Every registry row matching the filters, as one list (tests and small reads; exports stream householdRowBatches). */
export async function allHouseholdRows(viewer: Viewer, query: unknown) {
  const rows: HouseholdListRow[] = [];
  for await (const batch of await householdRowBatches(viewer, query)) rows.push(...batch);
  return rows;
}


/** The household picker: up to 10 households by code prefix or head's name, within the viewer's scope. */
export async function searchHouseholds(viewer: Viewer, input: unknown) {
  const scope = householdScope(viewer);
  const { q } = parseInput(householdSearchSchema, input);
  const rows = await db.household.findMany({
    where: { AND: [scope, { OR: [{ code: { startsWith: likeEscape(q), mode: "insensitive" } }, { headName: { contains: likeEscape(q) } }] }] },
    orderBy: { code: "asc" },
    take: 10,
    select: { id: true, code: true, headName: true, size: true, status: true, registeredYear: true, village: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, code: r.code, headName: r.headName, size: r.size, status: r.status, registeredYear: r.registeredYear, village: r.village.name }));
}
/** Villages and townships for the registry filters and the household form. */
export async function placeOptions(viewer: Viewer) {
  authorize(viewer, "households.read");
  const [townships, villages] = await Promise.all([
    db.township.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true, nameEn: true } }),
    db.village.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true, townshipId: true } }),
  ]);
  return { townships, villages };
}

