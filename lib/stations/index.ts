import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { StationService, StationStatus } from "../generated/prisma/enums";
import { writeAudit } from "../audit";
import { conflict, forbidden, invalid, isUniqueViolation, notFound, parseInput, type Msg } from "../errors";
import { authorize, can, readScope } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { assertId, likeEscape } from "../validation/primitives";
import { isoDate } from "../format";
import { CONTACT_FIELDS, createStationSchema, stationQuerySchema, updateStationSchema } from "../validation/stations";
import { pageArgs } from "./access";

type Tx = Prisma.TransactionClient;

const STATION_INCLUDE = {
  township: { select: { id: true, code: true, name: true, nameEn: true } },
  village: { select: { id: true, code: true, name: true } },
  coveredVillages: { select: { village: { select: { id: true, code: true, name: true, isPoor: true, townshipId: true } } }, orderBy: { villageId: "asc" } },
} satisfies Prisma.StationInclude;

type StationRow = Prisma.StationGetPayload<{ include: typeof STATION_INCLUDE }>;

type StationBase = Prisma.StationGetPayload<{ include: { township: typeof STATION_INCLUDE.township; village: typeof STATION_INCLUDE.village } }>;

/** The fields a station shows everywhere (list rows and the full record; dates as YYYY-MM-DD). */
function stationFields(s: StationBase) {
  const { id, code, name, level, status, statusReason, township, village, operatorName, phone, services, version } = s;
  return { id, code, name, level, status, statusReason, township, village, operatorName, phone, services, version, openedOn: isoDate(s.openedOn) };
}

/** A station as the pages and the API show it. */
export function toStationDto(s: StationRow) {
  return { ...stationFields(s), coveredVillages: s.coveredVillages.map((c) => c.village), updatedAt: s.updatedAt.toISOString() };
}

export type StationDto = ReturnType<typeof toStationDto>;

/** One station with its covered villages. An OPERATOR may read only their own station. */
export async function getStation(viewer: Viewer, stationId: number): Promise<StationDto> {
  authorize(viewer, "stations.read");
  assertId(stationId);
  authorize(viewer, "stations.read", { stationId });
  const station = await db.station.findUnique({ where: { id: stationId }, include: STATION_INCLUDE });
  if (!station) throw notFound();
  return toStationDto(station);
}

// Prisma's `has` filter on an enum array sends a malformed array literal through the driver adapters
// ("malformed array literal"), so the service filter is one small SQL query instead.
async function stationIdsOffering(service: StationService): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`SELECT id FROM "Station" WHERE ${service}::text = ANY ("services"::text[])`;
  return rows.map((r) => r.id);
}

/**
 * The station list with filters, each row with its coverage (villages, poor villages) and activity (households served,
 * sales not reversed, last sale, trainings). An OPERATOR sees only their own station.
 */
export async function listStations(viewer: Viewer, query: unknown = {}) {
  authorize(viewer, "stations.read");
  const q = parseInput(stationQuerySchema, query);
  const scope = readScope(viewer, "stations.read", q.stationId);
  const like = q.q ? likeEscape(q.q) : undefined;
  const where: Prisma.StationWhereInput = {
    AND: [{ id: scope ?? q.stationId }, { id: q.service ? { in: await stationIdsOffering(q.service) } : undefined }],
    townshipId: q.townshipId,
    level: q.level,
    status: q.status,
    OR: like ? [{ code: { contains: like, mode: "insensitive" } }, { name: { contains: like } }, { operatorName: { contains: like } }] : undefined,
  };
  const { page, skip, take, pageSize } = pageArgs(q.page);
  const [rows, total] = await Promise.all([
    db.station.findMany({
      where,
      orderBy: { code: "asc" },
      skip,
      take,
      include: {
        township: STATION_INCLUDE.township,
        village: STATION_INCLUDE.village,
        _count: { select: { coveredVillages: true, households: true } },
      },
    }),
    db.station.count({ where }),
  ]);
  const ids = rows.map((r) => r.id);
  const [poorCovered, sales, trainings] = await Promise.all([
    db.stationVillage.groupBy({ by: ["stationId"], where: { stationId: { in: ids }, village: { isPoor: true } }, _count: { _all: true } }),
    db.sale.groupBy({ by: ["stationId"], where: { stationId: { in: ids }, reversedAt: null }, _count: { _all: true }, _sum: { amountFen: true }, _max: { date: true } }),
    db.trainingSession.groupBy({ by: ["stationId"], where: { stationId: { in: ids } }, _count: { _all: true } }),
  ]);
  const poorBy = new Map(poorCovered.map((g) => [g.stationId, g._count._all]));
  const salesBy = new Map(sales.map((g) => [g.stationId, g]));
  const trainingsBy = new Map(trainings.map((g) => [g.stationId, g._count._all]));
  const items = rows.map((s) => {
    const sale = salesBy.get(s.id);
    return {
      ...stationFields(s),
      coveredVillages: s._count.coveredVillages,
      coveredPoorVillages: poorBy.get(s.id) ?? 0,
      households: s._count.households,
      sales: sale?._count._all ?? 0,
      salesFen: sale?._sum.amountFen ?? 0,
      lastSaleOn: sale?._max.date ? isoDate(sale._max.date) : null,
      trainings: trainingsBy.get(s.id) ?? 0,
    };
  });
  return { items, total, page, pageSize };
}

/** What the station page shows besides the station itself: households served, sales, the income it brought, trainings. */
export async function stationActivity(viewer: Viewer, stationId: number) {
  const station = await getStation(viewer, stationId);
  const saleLinked = { sale: { stationId } } satisfies Prisma.IncomeEntryWhereInput;
  const [households, sales, income, perHousehold, perDate, trainings] = await Promise.all([
    db.household.groupBy({ by: ["status"], where: { stationId }, _count: { _all: true }, _sum: { size: true } }),
    db.sale.aggregate({ where: { stationId, reversedAt: null }, _count: { _all: true }, _sum: { amountFen: true } }),
    db.incomeEntry.aggregate({ where: saleLinked, _sum: { amountFen: true } }),
    db.incomeEntry.groupBy({ by: ["householdId"], where: saleLinked, _sum: { amountFen: true } }),
    db.incomeEntry.groupBy({ by: ["date"], where: saleLinked, _sum: { amountFen: true } }),
    db.trainingSession.aggregate({ where: { stationId }, _count: { _all: true }, _sum: { attendeeCount: true } }),
  ]);
  const byYear = new Map<number, number>();
  for (const g of perDate) byYear.set(g.date.getUTCFullYear(), (byYear.get(g.date.getUTCFullYear()) ?? 0) + (g._sum.amountFen ?? 0));
  return {
    station,
    households: {
      total: households.reduce((n, g) => n + g._count._all, 0),
      people: households.reduce((n, g) => n + (g._sum.size ?? 0), 0),
      byStatus: Object.fromEntries(households.map((g) => [g.status, g._count._all])) as Partial<Record<string, number>>,
    },
    sales: { count: sales._count._all, amountFen: sales._sum.amountFen ?? 0 },
    // Sale-linked ledger entries of this station's sales, net of reversals: what the station's sales paid households.
    income: {
      totalFen: income._sum.amountFen ?? 0,
      households: perHousehold.filter((g) => (g._sum.amountFen ?? 0) > 0).length,
      byYear: [...byYear].sort((a, b) => b[0] - a[0]).map(([year, amountFen]) => ({ year, amountFen })),
    },
    trainings: { count: trainings._count._all, attendees: trainings._sum.attendeeCount ?? 0 },
  };
}

/** Townships with their villages, for the station form (home village and covered villages pickers). */
export async function stationFormOptions(viewer: Viewer) {
  authorize(viewer, "stations.read");
  const townships = await db.township.findMany({
    orderBy: { code: "asc" },
    select: {
      id: true, code: true, name: true, nameEn: true,
      villages: {
        orderBy: { code: "asc" },
        select: { id: true, code: true, name: true, isPoor: true, coveredBy: { where: { station: { status: "ACTIVE" } }, select: { stationId: true } } },
      },
    },
  });
  return townships.map((t) => ({
    ...t,
    villages: t.villages.map(({ coveredBy, ...v }) => ({ ...v, activeStations: coveredBy.map((c) => c.stationId) })),
  }));
}

type Place = { townshipId: number; level: "TOWNSHIP" | "VILLAGE"; villageId: number | null; coveredVillageIds: number[] };

/** Checks township, home village and covered villages; returns the township's county and the villages to cover. */
async function checkPlace(tx: Tx, place: Place): Promise<{ countyId: number; covered: number[] }> {
  const fields: Record<string, Msg> = {};
  const township = await tx.township.findUnique({ where: { id: place.townshipId }, select: { id: true, countyId: true } });
  if (!township) throw invalid({ townshipId: { key: "stations.errors.unknownTownship" } });
  if (place.level === "VILLAGE" && place.villageId == null) fields.villageId = { key: "stations.errors.villageRequired" };
  if (place.villageId != null) {
    const village = await tx.village.findUnique({ where: { id: place.villageId }, select: { townshipId: true } });
    if (!village) fields.villageId = { key: "stations.errors.unknownVillage" };
    else if (village.townshipId !== township.id) fields.villageId = { key: "stations.errors.villageNotInTownship" };
  }
  // The home village is always among the covered ones.
  const covered = [...new Set([...place.coveredVillageIds, ...(place.villageId != null ? [place.villageId] : [])])];
  const found = await tx.village.findMany({ where: { id: { in: covered }, countyId: township.countyId }, select: { id: true } });
  if (found.length !== covered.length && !fields.villageId) fields.coveredVillageIds = { key: "stations.errors.unknownVillage" };
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return { countyId: township.countyId, covered };
}

const codeTaken = () => invalid({ code: { key: "stations.errors.codeTaken" } });

/** ADMIN/STAFF open a station. Its home village is covered automatically. */
export async function createStation(viewer: Viewer, input: unknown): Promise<StationDto> {
  authorize(viewer, "stations.create");
  const data = parseInput(createStationSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const { countyId, covered } = await checkPlace(tx, { ...data, villageId: data.villageId ?? null });
      if (await tx.station.findUnique({ where: { code: data.code }, select: { id: true } })) throw codeTaken();
      const created = await tx.station.create({
        data: {
          code: data.code, name: data.name, level: data.level, countyId, townshipId: data.townshipId, villageId: data.villageId ?? null,
          operatorName: data.operatorName, phone: data.phone ?? null, openedOn: data.openedOn, services: data.services,
          coveredVillages: { create: covered.map((villageId) => ({ villageId })) },
        },
        include: STATION_INCLUDE,
      });
      const dto = toStationDto(created);
      await writeAudit(tx, viewer, { action: "create", entity: "Station", entityId: created.id, after: dto });
      return dto;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken();
    throw error;
  }
}

const STATUS_ACTIONS: Record<StationStatus, string> = { SUSPENDED: "suspend", CLOSED: "close", ACTIVE: "reopen" };

/**
 * Changes a station. ADMIN/STAFF change anything, including the status (suspend or close with a reason, reopen);
 * an OPERATOR only their own station's contact fields (operatorName, phone), any other field is refused.
 * `version` must be the one the editor saw: a stale edit is refused with 409 and the current station in details.
 */
export async function updateStation(viewer: Viewer, stationId: number, input: unknown): Promise<StationDto> {
  authorize(viewer, "stations.update");
  assertId(stationId);
  authorize(viewer, "stations.update", { stationId });
  const data = parseInput(updateStationSchema, input);
  const given = (Object.keys(data) as (keyof typeof data)[]).filter((k) => k !== "version" && data[k] !== undefined);
  // Beyond the contact fields, a change is the center's (stations.manage).
  if (given.some((k) => !(CONTACT_FIELDS as readonly string[]).includes(k)) && !can(viewer, "stations.manage")) throw forbidden();

  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.station.findUnique({ where: { id: stationId }, include: STATION_INCLUDE });
      if (!before) throw notFound();
      const stale = () => conflict({ key: "stations.errors.stale" }, { current: toStationDto(before) });
      if (before.version !== data.version) throw stale();

      const statusChanges = data.status !== undefined && data.status !== before.status;
      if (statusChanges && data.status !== "ACTIVE" && !data.statusReason) throw invalid({ statusReason: { key: "stations.errors.reasonRequired" } });

      const placeChanges = data.townshipId !== undefined || data.level !== undefined || data.villageId !== undefined || data.coveredVillageIds !== undefined;
      let place: { countyId: number; covered: number[] } | null = null;
      if (placeChanges) {
        const villageId = data.villageId !== undefined ? data.villageId : before.villageId;
        place = await checkPlace(tx, {
          townshipId: data.townshipId ?? before.townshipId,
          level: data.level ?? before.level,
          villageId,
          coveredVillageIds: data.coveredVillageIds ?? before.coveredVillages.map((c) => c.village.id),
        });
      }
      if (data.code !== undefined && data.code !== before.code && (await tx.station.findUnique({ where: { code: data.code }, select: { id: true } }))) throw codeTaken();

      const updated = await tx.station.updateMany({
        where: { id: stationId, version: data.version },
        data: {
          code: data.code, name: data.name, level: data.level, townshipId: data.townshipId, villageId: data.villageId,
          countyId: place?.countyId, operatorName: data.operatorName, phone: data.phone, openedOn: data.openedOn, services: data.services,
          ...(statusChanges ? { status: data.status, statusReason: data.statusReason ?? null } : {}),
          version: { increment: 1 },
        },
      });
      if (updated.count === 0) throw stale(); // changed by someone else between our read and write
      if (place) {
        await tx.stationVillage.deleteMany({ where: { stationId } });
        await tx.stationVillage.createMany({ data: place.covered.map((villageId) => ({ stationId, villageId })) });
      }
      const after = toStationDto(await tx.station.findUniqueOrThrow({ where: { id: stationId }, include: STATION_INCLUDE }));
      const action = statusChanges ? STATUS_ACTIONS[data.status!] : "update";
      await writeAudit(tx, viewer, { action, entity: "Station", entityId: stationId, before: toStationDto(before), after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken();
    throw error;
  }
}
