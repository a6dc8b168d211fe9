// Relapse-prevention monitoring (防止返贫动态监测, issue 10): hardship reports, the warning list (from the warnings
// summary, lib/monitoring/warnings.ts), monitoring cases with their steps, measures, elimination and closing, and the
// consolidation summary of a year. Every function authorises by the policy table; an OPERATOR reaches only the
// households their station serves; every write is validated, audited and done in one transaction.
import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError, conflict, invalid, notFound, parseInput, type Msg } from "../errors";
import { authorize, readScope } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { Prisma } from "../generated/prisma/client";
import type { CaseStatus } from "../generated/prisma/enums";
import { countyToday, isoDate } from "../format";
import { perCapitaFen } from "../progress/rules";
import { assertId } from "../validation/primitives";
import { currentYear } from "../validation/households";
import {
  CASE_STEPS, caseChangeSchema, caseQuerySchema, hardshipFormSchema, hardshipSchema, openCaseSchema, summaryQuerySchema, warningQuerySchema,
} from "../validation/monitoring";
import { WARNING_RULES, asOfDay, eliminationRefusals, yearFigures } from "./rules";
import { AREA_SUMS_SQL, monitoringYears, refreshCaseAreas, refreshWarnings, warningCountsSql } from "./warnings";
import { ECOM_SOURCES_SQL } from "../progress/summaries";
import { caseCoversSql, stationMonitoredSql } from "./sql";
import { onceFor, type Idempotency, type IdempotencyGuard } from "../idempotency";

type Tx = Prisma.TransactionClient;
type Client = Tx | typeof db;

// ── Access ────────────────────────────────────────────────────────────────────────────────────────────────────────

async function householdFor(viewer: Viewer, action: "monitoring.read" | "monitoring.manage" | "hardships.report", id: number, client: Client = db) {
  authorize(viewer, action);
  assertId(id);
  const household = await client.household.findUnique({ where: { id } });
  if (!household) throw notFound();
  authorize(viewer, action, { stationId: household.stationId });
  return household;
}

/** A station code from a filter → its id (unknown code: 404); the OPERATOR's own only (else 403). */
async function stationFilter(viewer: Viewer, action: "monitoring.read", code: string | undefined): Promise<number | null> {
  let requested: number | null = null;
  if (code) {
    const station = await db.station.findUnique({ where: { code: code.toUpperCase() }, select: { id: true } });
    if (!station) throw notFound();
    requested = station.id;
  }
  const scope = readScope(viewer, action, requested);
  return scope ?? requested;
}

/** The 12 months' income of a household up to `asOf` (exact, from the ledger), with its current size. */
async function windowIncome(client: Client, householdId: number, size: number, asOf: string) {
  const from = `${Number(asOf.slice(0, 4)) - 2}-01-01`;
  const rows = await client.$queryRaw<{ date: string; incomeFen: number; ecomFen: number }[]>`
    SELECT to_char(date, 'YYYY-MM-DD') AS date, sum("amountFen")::float8 AS "incomeFen",
           coalesce(sum("amountFen") FILTER (WHERE source IN (${Prisma.raw(ECOM_SOURCES_SQL)})), 0)::float8 AS "ecomFen"
    FROM "IncomeEntry" WHERE "householdId" = ${householdId} AND date >= ${from}::date AND date <= ${asOf}::date GROUP BY 1`;
  const figures = yearFigures({ household: { size } as never, asOf, income: rows.map((r) => ({ date: r.date, incomeFen: Number(r.incomeFen), ecomFen: Number(r.ecomFen) })) });
  return figures;
}

async function lineFor(client: Client, year: number): Promise<number | null> {
  const line = await client.monitoringLine.findUnique({ where: { year } });
  return line?.fenPerPerson ?? null;
}

// ── Hardships ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Reports a sudden severe hardship of a household (staff, or the operator of its station); its warnings follow. */
export async function reportHardship(viewer: Viewer, householdId: number, input: unknown, opts: { form?: boolean; idempotency?: Idempotency } = {}) {
  return onceFor(opts.idempotency, (guard) => reportHardshipOnce(viewer, householdId, input, opts, guard));
}

async function reportHardshipOnce(viewer: Viewer, householdId: number, input: unknown, opts: { form?: boolean }, guard: IdempotencyGuard) {
  authorize(viewer, "hardships.report");
  assertId(householdId);
  const data = opts.form ? parseInput(hardshipFormSchema, input) : parseInput(hardshipSchema, input);
  return db.$transaction(async (tx) => {
    await guard.claim(tx);
    const household = await householdFor(viewer, "hardships.report", householdId, tx);
    const created = await tx.hardship.create({
      data: { countyId: household.countyId, householdId, type: data.type, date: data.date, amountFen: data.amountFen ?? null, note: data.note, reportedById: viewer.id },
    });
    await refreshWarnings(tx, [householdId]);
    const dto = hardshipDto(created);
    await writeAudit(tx, viewer, { action: "create", entity: "Hardship", entityId: created.id, after: { ...dto, householdCode: household.code } });
    return guard.done(tx, dto);
  });
}

function hardshipDto(h: { id: number; householdId: number; type: string; date: Date; amountFen: number | null; note: string | null; createdAt: Date }) {
  return { id: h.id, householdId: h.householdId, type: h.type, date: isoDate(h.date), amountFen: h.amountFen, note: h.note, createdAt: h.createdAt.toISOString() };
}

/** A household's hardship reports, newest first. */
export async function listHardships(viewer: Viewer, householdId: number) {
  await householdFor(viewer, "monitoring.read", householdId);
  const rows = await db.hardship.findMany({ where: { householdId }, orderBy: [{ date: "desc" }, { id: "desc" }] });
  return rows.map(hardshipDto);
}

// ── Warnings ──────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The monitoring years (a line, not after the current year), all selectable, and the default of the pages and the
 * API: the latest of them that has begun in the ledger (an entry dated in it, up to today). A year the ledger has not
 * reached yet would show every monitored household as low-income (its 12 months are empty), so the default stays on
 * the last year with figures; without any entry in a monitoring year it is the latest year.
 */
export async function monitoringYearOptions(): Promise<{ years: number[]; latest: number | null }> {
  const today = countyToday();
  const [lines, [last]] = await Promise.all([
    db.$transaction((tx) => monitoringYears(tx, today)),
    db.$queryRaw<{ date: string | null }[]>`SELECT to_char(max(date), 'YYYY-MM-DD') AS date FROM "IncomeEntry" WHERE date <= ${today}::date`,
  ]);
  const years = lines.map((y) => y.year);
  const begun = last.date === null ? [] : years.filter((y) => `${y}-01-01` <= last.date!);
  return { years, latest: begun.at(-1) ?? years.at(-1) ?? null };
}

type AreaRow = { code: string; name: string; nameEn: string | null; households: number; withoutCase: number; monitored: number; eliminated: number } & Record<string, number | string | null>;

/**
 * The warning list of a year: per township (level county), per village of a township (level township, parent = its
 * code), the households of a village (level village, parent = its code), per station (level station), or every
 * warned household in scope (level household, paged). An OPERATOR sees only their station's households.
 */
export async function listWarnings(viewer: Viewer, query: unknown) {
  authorize(viewer, "monitoring.read");
  const q = parseInput(warningQuerySchema, query);
  const stationId = await stationFilter(viewer, "monitoring.read", q.station);
  const { years, latest } = await monitoringYearOptions();
  const year = q.year ?? latest;
  if (year === null || !years.includes(year)) {
    return { year, asOf: null, level: q.level, parent: null, years, rows: [] as AreaRow[], totals: null, households: [] as WarnedHousehold[], total: 0, page: q.page, pageSize: q.pageSize };
  }
  const asOf = asOfDay(year, countyToday());
  const conds: Prisma.Sql[] = [Prisma.sql`w.year = ${year}`];
  if (stationId !== null) conds.push(Prisma.sql`w."stationId" = ${stationId}`);
  if (q.rule) conds.push(Prisma.sql`w.rule = ${q.rule}::text::"WarningRule"`);
  let parentArea: { code: string; name: string } | null = null;
  if (q.level === "township" || q.level === "village") {
    if (!q.parent) throw invalid({ parent: { key: "validation.required" } });
    if (q.level === "township") {
      const t = await db.township.findUnique({ where: { code: q.parent }, select: { id: true, code: true, name: true } });
      if (!t) throw notFound();
      parentArea = t;
      conds.push(Prisma.sql`v."townshipId" = ${t.id}`);
    } else {
      const v = await db.village.findUnique({ where: { code: q.parent }, select: { id: true, code: true, name: true } });
      if (!v) throw notFound();
      parentArea = v;
      conds.push(Prisma.sql`w."villageId" = ${v.id}`);
    }
  } else if (q.parent && q.level === "household") {
    const v = await db.village.findUnique({ where: { code: q.parent }, select: { id: true, code: true, name: true } });
    if (!v) throw notFound();
    parentArea = v;
    conds.push(Prisma.sql`w."villageId" = ${v.id}`);
  }
  const where = Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}`;
  const ruleCounts = warningCountsSql((rule) => rule);
  // As the page opens (no rule chosen) the counts come from the per-area summary, a row per village and station;
  // a chosen rule counts its warning rows.
  const fromSummary = !q.rule;
  const source = fromSummary ? Prisma.sql`"MonitoringAreaYear" w` : Prisma.sql`"MonitoringWarning" w`;
  const counts = fromSummary ? AREA_SUMS_SQL : ruleCounts;
  const base = { year, asOf: asOf as string | null, level: q.level, parent: parentArea, years };

  if (q.level === "county" || q.level === "township" || q.level === "station") {
    const named = await db.$queryRaw<AreaRow[]>(
      q.level === "county"
        ? Prisma.sql`SELECT t.code, t.name, t."nameEn", ${counts} FROM ${source} JOIN "Village" v ON v.id = w."villageId"
            JOIN "Township" t ON t.id = v."townshipId" ${where} GROUP BY t.code, t.name, t."nameEn" HAVING ${fromSummary ? Prisma.sql`sum(w.households) > 0` : Prisma.sql`true`} ORDER BY t.code`
        : q.level === "township"
          ? Prisma.sql`SELECT v.code, v.name, NULL::text AS "nameEn", ${counts} FROM ${source} JOIN "Village" v ON v.id = w."villageId"
              ${where} GROUP BY v.code, v.name HAVING ${fromSummary ? Prisma.sql`sum(w.households) > 0` : Prisma.sql`true`} ORDER BY v.code`
          : Prisma.sql`SELECT coalesce(s.code, '') AS code, coalesce(s.name, '') AS name, NULL::text AS "nameEn", ${counts}
              FROM ${source} JOIN "Village" v ON v.id = w."villageId" LEFT JOIN "Station" s ON s.id = w."stationId"
              ${where} GROUP BY 1, 2 HAVING ${fromSummary ? Prisma.sql`sum(w.households) > 0` : Prisma.sql`true`} ORDER BY 1`,
    );
    const [total] = await db.$queryRaw<AreaRow[]>`SELECT ''::text AS code, ''::text AS name, NULL::text AS "nameEn", ${counts}
      FROM ${source} JOIN "Village" v ON v.id = w."villageId" ${where}`;
    // The consolidation figures of each area beside its warnings: households a case covers in the year, and those
    // whose risk was eliminated in it. Areas with cases but no warning get a row too (unless a rule is chosen).
    const caseConds: Prisma.Sql[] = [caseCoversSql(`${year}-01-01`, asOf)];
    if (stationId !== null) caseConds.push(Prisma.sql`h."stationId" = ${stationId}`);
    if (q.level === "township" && parentArea) caseConds.push(Prisma.sql`v."townshipId" = (SELECT id FROM "Township" WHERE code = ${parentArea.code})`);
    const key = q.level === "county" ? Prisma.sql`t.code, t.name, t."nameEn"`
      : q.level === "township" ? Prisma.sql`v.code, v.name, NULL::text AS "nameEn"` : Prisma.sql`coalesce(s.code, '') AS code, coalesce(s.name, '') AS name, NULL::text AS "nameEn"`;
    const monitored = await db.$queryRaw<{ code: string; name: string; nameEn: string | null; monitored: number; eliminated: number }[]>`
      SELECT ${key}, count(DISTINCT c."householdId")::int AS monitored,
             count(DISTINCT c."householdId") FILTER (WHERE c."eliminatedOn" BETWEEN ${`${year}-01-01`}::date AND ${asOf}::date)::int AS eliminated
      FROM "MonitoringCase" c JOIN "Household" h ON h.id = c."householdId" JOIN "Village" v ON v.id = h."villageId"
      JOIN "Township" t ON t.id = v."townshipId" LEFT JOIN "Station" s ON s.id = h."stationId"
      WHERE ${Prisma.join(caseConds, " AND ")} GROUP BY 1, 2, 3`;
    const byCode = new Map(named.map((r) => [r.code, { ...r, monitored: 0, eliminated: 0 } as AreaRow]));
    for (const m of monitored) {
      const row = byCode.get(m.code);
      if (row) Object.assign(row, { monitored: m.monitored, eliminated: m.eliminated });
      else if (!q.rule) {
        byCode.set(m.code, { code: m.code, name: m.name, nameEn: m.nameEn, households: 0, withoutCase: 0, monitored: m.monitored, eliminated: m.eliminated,
          ...Object.fromEntries(WARNING_RULES.map((r) => [r, 0])) } as AreaRow);
      }
    }
    const rows = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    if (total) Object.assign(total, { monitored: monitored.reduce((n, m) => n + m.monitored, 0), eliminated: monitored.reduce((n, m) => n + m.eliminated, 0) });
    return { ...base, rows, totals: total as AreaRow | null, households: [] as WarnedHousehold[], total: rows.length, page: 1, pageSize: Math.max(rows.length, 1) };
  }

  // Households (a village's, or every one in scope): one page of warned households, with every rule that fired.
  const offset = (q.page - 1) * q.pageSize;
  const [ids, count] = await Promise.all([
    db.$queryRaw<{ householdId: number }[]>`
      SELECT w."householdId" FROM "MonitoringWarning" w JOIN "Village" v ON v.id = w."villageId" ${where}
      GROUP BY w."householdId" ORDER BY w."householdId" LIMIT ${q.pageSize} OFFSET ${offset}`,
    fromSummary
      ? db.$queryRaw<{ n: number }[]>`SELECT coalesce(sum(w.households), 0)::int AS n FROM ${source} JOIN "Village" v ON v.id = w."villageId" ${where}`
      : db.$queryRaw<{ n: number }[]>`SELECT count(DISTINCT w."householdId")::int AS n FROM "MonitoringWarning" w JOIN "Village" v ON v.id = w."villageId" ${where}`,
  ]);
  const households = await warnedHouseholds(ids.map((r) => r.householdId), year, asOf);
  return { ...base, rows: [] as AreaRow[], totals: null as AreaRow | null, households, total: count[0].n, page: q.page, pageSize: q.pageSize };
}

export type WarnedHousehold = Awaited<ReturnType<typeof warnedHouseholds>>[number];

async function warnedHouseholds(ids: number[], year: number, asOf: string) {
  if (ids.length === 0) return [];
  const [households, warnings, cases, figures] = await Promise.all([
    db.household.findMany({
      where: { id: { in: ids } },
      select: { id: true, code: true, headName: true, size: true, kind: true, status: true, village: { select: { code: true, name: true, township: { select: { code: true, name: true, nameEn: true } } } }, station: { select: { id: true, code: true, name: true } } },
    }),
    db.monitoringWarning.findMany({ where: { householdId: { in: ids }, year }, orderBy: { rule: "asc" } }),
    // The newest case of each household that covers the year (the rule of lib/monitoring/sql.ts).
    db.$queryRaw<{ id: number; householdId: number; status: CaseStatus }[]>`
      SELECT DISTINCT ON (c."householdId") c.id, c."householdId", c.status::text AS status FROM "MonitoringCase" c
      WHERE c."householdId" IN (${Prisma.join(ids)}) AND ${caseCoversSql(`${year}-01-01`, asOf)} ORDER BY c."householdId", c.id DESC`,
    db.monitoringHouseholdYear.findMany({ where: { householdId: { in: ids }, year } }),
  ]);
  const byId = new Map(households.map((h) => [h.id, h]));
  return ids.map((id) => {
    const h = byId.get(id)!;
    const f = figures.find((x) => x.householdId === id);
    const covering = cases.find((c) => c.householdId === id);
    return {
      id: h.id, code: h.code, headName: h.headName, size: h.size, kind: h.kind, status: h.status,
      village: { code: h.village.code, name: h.village.name }, township: h.village.township, station: h.station,
      incomeFen: f ? Number(f.incomeFen) : null, perCapitaFen: f ? perCapitaFen(Number(f.incomeFen), f.size) : null,
      warnings: warnings.filter((w) => w.householdId === id).map((w) => ({ rule: w.rule, figures: w.figures as Record<string, unknown> })),
      case: covering ? { id: covering.id, status: covering.status } : null,
    };
  });
}

/** One household's warnings (household page): every monitoring year. */
export async function householdWarnings(viewer: Viewer, householdId: number) {
  await householdFor(viewer, "monitoring.read", householdId);
  const rows = await db.monitoringWarning.findMany({ where: { householdId }, orderBy: [{ year: "desc" }, { rule: "asc" }] });
  return rows.map((w) => ({ year: w.year, rule: w.rule, figures: w.figures as Record<string, unknown> }));
}

// ── Cases ─────────────────────────────────────────────────────────────────────────────────────────────────────────

const CASE_INCLUDE = {
  household: { select: { id: true, code: true, headName: true, size: true, kind: true, status: true, stationId: true, foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true, village: { select: { code: true, name: true } }, station: { select: { id: true, code: true, name: true } } } },
  steps: { orderBy: [{ phase: "asc" }, { date: "asc" }, { id: "asc" }], include: { recordedBy: { select: { email: true, name: true } } } },
  measures: { orderBy: [{ date: "asc" }, { id: "asc" }], include: { station: { select: { id: true, code: true, name: true } }, recordedBy: { select: { email: true, name: true } } } },
  openedBy: { select: { email: true, name: true } },
} satisfies Prisma.MonitoringCaseInclude;

type CaseRecord = Prisma.MonitoringCaseGetPayload<{ include: typeof CASE_INCLUDE }>;

function caseDto(c: CaseRecord) {
  const d = (x: Date | null) => (x ? isoDate(x) : null);
  const { stationId: _s, ...household } = c.household;
  return {
    id: c.id, householdId: c.householdId, household, type: c.type, riskTypes: c.riskTypes, status: c.status,
    openedOn: isoDate(c.openedOn), warningRule: c.warningRule, warningYear: c.warningYear, note: c.note,
    openingIncomeFen: Number(c.openingIncomeFen), openingSize: c.openingSize, openingPerCapitaFen: perCapitaFen(Number(c.openingIncomeFen), c.openingSize),
    identifiedOn: d(c.identifiedOn), eliminatedOn: d(c.eliminatedOn), eliminationIncomeFen: c.eliminationIncomeFen === null ? null : Number(c.eliminationIncomeFen),
    closedOn: d(c.closedOn), closedReason: c.closedReason, version: c.version, openedBy: c.openedBy,
    steps: c.steps.map((s) => ({ id: s.id, phase: s.phase, step: s.step, date: isoDate(s.date), actor: s.actor, note: s.note, recordedBy: s.recordedBy })),
    measures: c.measures.map((m) => ({ id: m.id, kind: m.kind, date: isoDate(m.date), station: m.station, actor: m.actor, note: m.note, recordedBy: m.recordedBy })),
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}
export type CaseDto = ReturnType<typeof caseDto>;

/**
 * Opens a case for a household, from one of its warnings (rule and year) or directly. One case at a time: a
 * household with a case still being identified or monitored gets 409. The income of the 12 months up to the opening
 * day is kept, for the income change the dashboard shows.
 */
export async function openCase(viewer: Viewer, input: unknown): Promise<CaseDto> {
  authorize(viewer, "monitoring.manage");
  const data = parseInput(openCaseSchema, input);
  return db.$transaction(async (tx) => {
    const household = await householdFor(viewer, "monitoring.manage", data.householdId, tx);
    await tx.$queryRaw`SELECT id FROM "Household" WHERE id = ${household.id} FOR NO KEY UPDATE`;
    const open = await tx.monitoringCase.findFirst({ where: { householdId: household.id, status: { in: ["IDENTIFYING", "MONITORED"] } }, select: { id: true } });
    if (open) throw conflict({ key: "monitoring.errors.caseOpen" }, { caseId: open.id });
    if (data.warningRule && data.warningYear) {
      const warning = await tx.monitoringWarning.findUnique({ where: { householdId_year_rule: { householdId: household.id, year: data.warningYear, rule: data.warningRule } } });
      if (!warning) throw invalid({ warningRule: { key: "monitoring.errors.noSuchWarning" } });
    }
    const openedOn = isoDate(data.openedOn);
    const figures = await windowIncome(tx, household.id, household.size, openedOn);
    const created = await tx.monitoringCase.create({
      data: {
        countyId: household.countyId, householdId: household.id, type: data.type, riskTypes: data.riskTypes, openedOn: data.openedOn,
        warningRule: data.warningRule ?? null, warningYear: data.warningYear ?? null, note: data.note,
        openingIncomeFen: BigInt(figures.incomeFen), openingSize: household.size, openedById: viewer.id,
      },
      include: CASE_INCLUDE,
    });
    const dto = caseDto(created);
    await refreshCaseAreas(tx, household.id);
    await writeAudit(tx, viewer, {
      action: "create", entity: "MonitoringCase", entityId: created.id,
      after: { householdCode: household.code, type: dto.type, riskTypes: dto.riskTypes, openedOn: dto.openedOn, warningRule: dto.warningRule, warningYear: dto.warningYear, openingIncomeFen: dto.openingIncomeFen },
    });
    return dto;
  });
}

async function readableCase(viewer: Viewer, action: "monitoring.read" | "monitoring.manage", id: number, client: Client = db) {
  authorize(viewer, action);
  assertId(id);
  const found = await client.monitoringCase.findUnique({ where: { id }, include: CASE_INCLUDE });
  if (!found) throw notFound();
  authorize(viewer, action, { stationId: found.household.stationId });
  return found;
}

/** One case with its steps and measures, and what elimination would need today. */
export async function getCase(viewer: Viewer, id: number) {
  const found = await readableCase(viewer, "monitoring.read", id);
  const today = countyToday();
  const figures = await windowIncome(db, found.householdId, found.household.size, today);
  const lineFen = await lineFor(db, Number(today.slice(0, 4)));
  return {
    ...caseDto(found),
    current: {
      asOf: today, from: figures.from, to: figures.to, incomeFen: figures.incomeFen, ecomFen: figures.ecomFen, size: found.household.size,
      perCapitaFen: perCapitaFen(figures.incomeFen, found.household.size), lineFen,
      eliminationRefusals: eliminationRefusals({ incomeFen: figures.incomeFen, size: found.household.size, lineFen, guarantees: found.household }),
    },
  };
}

/** The cases in scope, newest first. */
export async function listCases(viewer: Viewer, query: unknown = {}) {
  authorize(viewer, "monitoring.read");
  const q = parseInput(caseQuerySchema, query);
  const stationId = await stationFilter(viewer, "monitoring.read", q.station);
  const where: Prisma.MonitoringCaseWhereInput = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.householdId ? { householdId: q.householdId } : {}),
    ...(stationId !== null ? { household: { stationId } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.monitoringCase.findMany({ where, include: CASE_INCLUDE, orderBy: { id: "desc" }, take: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    db.monitoringCase.count({ where }),
  ]);
  return { items: rows.map(caseDto), total, page: q.page, pageSize: q.pageSize };
}

/**
 * One change to a case, in one transaction with its audit row:
 *  · step: the next identification step (while IDENTIFYING) or elimination step (while MONITORED), in the order
 *    入户核实 → 村级民主评议 → 公示 → 乡镇审核 → 县级审批, dated on or after the one before. The county approval
 *    is the county's decision (monitoring.decide: ADMIN/STAFF): of identification → MONITORED; of elimination →
 *    ELIMINATED. Every elimination step is refused, with the reasons on fields `income` and `guarantees`, unless the
 *    last 12 months' per-capita income is above the current year's monitoring line and every guarantee holds.
 *  · measure: an assistance measure while the case is open; an e-commerce measure names the station selling.
 *  · close: a case opened by mistake is closed with a reason (monitoring.decide); never deleted.
 */
export async function changeCase(viewer: Viewer, id: number, input: unknown): Promise<CaseDto> {
  authorize(viewer, "monitoring.manage");
  assertId(id);
  const change = parseInput(caseChangeSchema, input);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "MonitoringCase" WHERE id = ${id} FOR UPDATE`;
    const c = await readableCase(viewer, "monitoring.manage", id, tx);
    const openStatuses = ["IDENTIFYING", "MONITORED"];
    const date = isoDate(change.date);
    if (date < isoDate(c.openedOn)) throw invalid({ date: { key: "monitoring.errors.beforeOpened", values: { date: isoDate(c.openedOn) } } });
    let data: Prisma.MonitoringCaseUpdateInput = {};
    let audit: { action: string; after: Record<string, unknown> };

    if (change.action === "step") {
      const phaseStatus = change.phase === "IDENTIFICATION" ? "IDENTIFYING" : "MONITORED";
      if (c.status !== phaseStatus) throw invalid({ phase: { key: change.phase === "IDENTIFICATION" ? "monitoring.errors.identified" : "monitoring.errors.notIdentified" } });
      const done = c.steps.filter((s) => s.phase === change.phase);
      const expected = CASE_STEPS[done.length];
      if (change.step !== expected) throw invalid({ step: { key: "monitoring.errors.stepOrder", values: { step: expected } } });
      const last = done[done.length - 1];
      if (last && date < isoDate(last.date)) throw invalid({ date: { key: "monitoring.errors.beforePrevious", values: { date: isoDate(last.date) } } });
      if (change.step === "COUNTY_APPROVAL") authorize(viewer, "monitoring.decide");
      let eliminationIncomeFen: number | null = null;
      if (change.phase === "ELIMINATION") {
        const today = countyToday();
        const figures = await windowIncome(tx, c.householdId, c.household.size, today);
        const lineFen = await lineFor(tx, currentYear());
        const refusals = eliminationRefusals({ incomeFen: figures.incomeFen, size: c.household.size, lineFen, guarantees: c.household });
        if (refusals.length > 0) {
          const fields: Record<string, Msg> = {};
          const perCapita = (perCapitaFen(figures.incomeFen, c.household.size) / 100).toFixed(2);
          if (refusals.includes("noLine")) fields.income = { key: "monitoring.errors.noLine", values: { year: currentYear() } };
          if (refusals.includes("income")) fields.income = { key: "monitoring.errors.incomeNotAbove", values: { perCapita, line: ((lineFen ?? 0) / 100).toFixed(2) } };
          if (refusals.includes("guarantees")) fields.guarantees = { key: "monitoring.errors.guaranteesMissing" };
          throw new AppError("VALIDATION", { key: "monitoring.errors.cannotEliminate" }, fields, { refusals, incomeFen: figures.incomeFen, size: c.household.size, lineFen });
        }
        eliminationIncomeFen = figures.incomeFen;
      }
      await tx.monitoringCaseStep.create({ data: { caseId: id, phase: change.phase, step: change.step, date: change.date, actor: change.actor, note: change.note, recordedById: viewer.id } });
      if (change.step === "COUNTY_APPROVAL") {
        data = change.phase === "IDENTIFICATION"
          ? { status: "MONITORED", identifiedOn: change.date }
          : { status: "ELIMINATED", eliminatedOn: change.date, eliminationIncomeFen: BigInt(eliminationIncomeFen!) };
      }
      audit = { action: "step", after: { phase: change.phase, step: change.step, date, actor: change.actor, note: change.note, ...(data.status ? { status: data.status } : {}), ...(eliminationIncomeFen !== null ? { incomeFen: eliminationIncomeFen } : {}) } };
    } else if (change.action === "measure") {
      if (!openStatuses.includes(c.status)) throw invalid({ kind: { key: "monitoring.errors.caseNotOpen" } });
      if (change.kind === "ECOMMERCE" && change.stationId === undefined) throw invalid({ stationId: { key: "monitoring.errors.stationRequired" } });
      let station: { id: number; code: string } | null = null;
      if (change.stationId !== undefined) {
        station = await tx.station.findUnique({ where: { id: change.stationId }, select: { id: true, code: true } });
        if (!station) throw invalid({ stationId: { key: "sales.errors.unknownStation" } });
        authorize(viewer, "monitoring.manage", { stationId: station.id });
      }
      await tx.monitoringMeasure.create({ data: { caseId: id, kind: change.kind, date: change.date, stationId: station?.id ?? null, actor: change.actor, note: change.note, recordedById: viewer.id } });
      audit = { action: "measure", after: { kind: change.kind, date, stationCode: station?.code ?? null, actor: change.actor, note: change.note } };
    } else {
      authorize(viewer, "monitoring.decide");
      if (!openStatuses.includes(c.status)) throw invalid({ reason: { key: "monitoring.errors.caseNotOpen" } });
      data = { status: "CLOSED", closedOn: change.date, closedReason: change.reason };
      audit = { action: "close", after: { status: "CLOSED", date, reason: change.reason } };
    }
    const updated = await tx.monitoringCase.update({ where: { id }, data: { ...data, version: { increment: 1 } }, include: CASE_INCLUDE });
    if (data.status) await refreshCaseAreas(tx, updated.householdId); // identified, eliminated or closed: "without a case" may change
    await writeAudit(tx, viewer, { action: audit.action, entity: "MonitoringCase", entityId: id, before: { status: c.status }, after: audit.after });
    return caseDto(updated);
  });
}

/** Warned households of a year and those no case covers, from the per-area summary: county, a station, an area. */
function warnedCounts(year: number, stationId: number | null, area: Prisma.Sql = Prisma.empty) {
  return db.$queryRaw<{ households: number; withoutCase: number }[]>`
    SELECT coalesce(sum(w.households), 0)::int AS households, coalesce(sum(w."withoutCase"), 0)::int AS "withoutCase"
    FROM "MonitoringAreaYear" w WHERE w.year = ${year} ${stationId === null ? Prisma.empty : Prisma.sql`AND w."stationId" = ${stationId}`} ${area}`;
}

/** A township's or village's code → a filter on the village column of an alias (w, h); unknown code: 404. */
async function areaScope(code: string | undefined) {
  if (!code) return null;
  const township = await db.township.findUnique({ where: { code }, select: { id: true, code: true, name: true, nameEn: true } });
  if (township) {
    return { level: "township" as const, ...township, sql: (alias: string) => Prisma.sql`AND ${Prisma.raw(alias)}."villageId" IN (SELECT id FROM "Village" WHERE "townshipId" = ${township.id})` };
  }
  const village = await db.village.findUnique({ where: { code }, select: { id: true, code: true, name: true } });
  if (!village) throw notFound();
  return { level: "village" as const, ...village, nameEn: null, sql: (alias: string) => Prisma.sql`AND ${Prisma.raw(alias)}."villageId" = ${village.id}` };
}

// ── Consolidation summary ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * The consolidation dashboard of a year (from the cases, the warnings summary and MonitoringHouseholdYear, never the
 * ledger): households and people monitored by case type, newly identified (cases opened in the year), risk
 * eliminated (in the year), still at risk at its end (or today), warned households and those without a case (the
 * target is 0), and the cases with an e-commerce measure with their per-capita income change since the case opened.
 */
export async function monitoringSummary(viewer: Viewer, query: unknown = {}) {
  authorize(viewer, "monitoring.read");
  const q = parseInput(summaryQuerySchema, query);
  const stationId = await stationFilter(viewer, "monitoring.read", q.station);
  const { years, latest } = await monitoringYearOptions();
  const year = q.year ?? latest ?? currentYear();
  const asOf = asOfDay(year, countyToday());
  const start = `${year}-01-01`;
  const area = await areaScope(q.area);
  const scope = Prisma.sql`${stationId === null ? Prisma.empty : Prisma.sql`AND h."stationId" = ${stationId}`} ${area ? area.sql("h") : Prisma.empty}`;
  const active = caseCoversSql(start, asOf);
  const [byType, counts, warned, ecom] = await Promise.all([
    db.$queryRaw<{ type: string; households: number; people: number }[]>`
      SELECT c.type::text AS type, count(DISTINCT c."householdId")::int AS households, coalesce(sum(h.size), 0)::int AS people
      FROM "MonitoringCase" c JOIN "Household" h ON h.id = c."householdId" WHERE ${active} ${scope} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ newlyIdentified: number; eliminated: number; stillAtRisk: number; people: number }[]>`
      SELECT count(*) FILTER (WHERE c.status <> 'CLOSED' AND c."openedOn" BETWEEN ${start}::date AND ${asOf}::date)::int AS "newlyIdentified",
             count(*) FILTER (WHERE c."eliminatedOn" BETWEEN ${start}::date AND ${asOf}::date)::int AS eliminated,
             count(*) FILTER (WHERE c.status <> 'CLOSED' AND c."openedOn" <= ${asOf}::date AND (c."eliminatedOn" IS NULL OR c."eliminatedOn" > ${asOf}::date))::int AS "stillAtRisk",
             coalesce(sum(h.size) FILTER (WHERE c.status <> 'CLOSED' AND c."openedOn" <= ${asOf}::date AND (c."eliminatedOn" IS NULL OR c."eliminatedOn" > ${asOf}::date)), 0)::int AS people
      FROM "MonitoringCase" c JOIN "Household" h ON h.id = c."householdId" WHERE true ${scope}`,
    warnedCounts(year, stationId, area ? area.sql("w") : Prisma.empty),
    db.$queryRaw<{ cases: number; withEcommerce: number; changeFen: number | null }[]>`
      SELECT count(*)::int AS cases, count(*) FILTER (WHERE e.has)::int AS "withEcommerce",
             avg(CASE WHEN e.has AND y."householdId" IS NOT NULL
                      THEN floor(y."incomeFen"::float8 / greatest(y.size, 1)) - floor(c."openingIncomeFen"::float8 / greatest(c."openingSize", 1)) END)::float8 AS "changeFen"
      FROM "MonitoringCase" c JOIN "Household" h ON h.id = c."householdId"
      CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM "MonitoringMeasure" m WHERE m."caseId" = c.id AND m.kind = 'ECOMMERCE' AND m.date <= ${asOf}::date) AS has) e
      LEFT JOIN "MonitoringHouseholdYear" y ON y."householdId" = c."householdId" AND y.year = ${year}
      WHERE ${active} ${scope}`,
  ]);
  const cases = ecom[0];
  return {
    year, asOf, years, station: q.station ?? null, area: area ? { level: area.level, code: area.code, name: area.name, nameEn: area.nameEn } : null,
    monitored: { byType, households: byType.reduce((s, r) => s + r.households, 0), people: byType.reduce((s, r) => s + r.people, 0) },
    newlyIdentified: counts[0].newlyIdentified,
    eliminated: counts[0].eliminated,
    stillAtRisk: { households: counts[0].stillAtRisk, people: counts[0].people },
    warnedHouseholds: warned[0].households,
    warningsWithoutCase: warned[0].withoutCase,
    ecommerce: {
      cases: cases.cases, withEcommerce: cases.withEcommerce,
      sharePct: cases.cases > 0 ? Math.round((cases.withEcommerce / cases.cases) * 1000) / 10 : null,
      avgPerCapitaChangeFen: cases.changeFen === null ? null : Math.round(cases.changeFen),
    },
  };
}

/** A year's monitoring line as the pages show it (approximate unless verified), or null. */
export async function monitoringLineOf(year: number) {
  const line = await db.monitoringLine.findUnique({ where: { year } });
  return line ? { year: line.year, fenPerPerson: line.fenPerPerson, verified: line.verified } : null;
}

/** What the household page shows under monitoring: warnings of every year, hardships, its cases. */
export async function householdMonitoring(viewer: Viewer, householdId: number) {
  const household = await householdFor(viewer, "monitoring.read", householdId);
  const [warnings, hardships, cases] = await Promise.all([
    householdWarnings(viewer, householdId),
    listHardships(viewer, householdId),
    db.monitoringCase.findMany({ where: { householdId }, orderBy: { id: "desc" }, select: { id: true, type: true, status: true, openedOn: true } }),
  ]);
  return {
    kind: household.kind, warnings, hardships,
    cases: cases.map((c) => ({ id: c.id, type: c.type, status: c.status, openedOn: isoDate(c.openedOn) })),
    hasOpenCase: cases.some((c) => c.status === "IDENTIFYING" || c.status === "MONITORED"),
  };
}

/**
 * A station's monitoring figures for its page (the latest monitoring year): the households it serves that are
 * monitored (a case covers the year), their people, what its sales paid them in the year, its warned households
 * and those of them without a case. Station aggregates: whoever may read the station reads them.
 */
export async function stationMonitoring(viewer: Viewer, stationId: number) {
  authorize(viewer, "stations.read", { stationId });
  assertId(stationId);
  const { latest } = await monitoringYearOptions();
  if (latest === null) return null;
  const asOf = asOfDay(latest, countyToday());
  const [monitored, warned] = await Promise.all([
    db.$queryRaw<{ households: number; people: number; paidFen: number }[]>(stationMonitoredSql(`${latest}-01-01`, asOf, stationId)),
    warnedCounts(latest, stationId),
  ]);
  const m = monitored[0];
  return {
    year: latest, asOf,
    households: m?.households ?? 0, people: m?.people ?? 0, paidFen: m ? Number(m.paidFen) : 0,
    warnedHouseholds: warned[0].households, warningsWithoutCase: warned[0].withoutCase,
  };
}

/**
 * The consolidation figures of every monitoring year (the trend chart), for the county, a station or an area: each
 * year is monitoringSummary() of that year, so the chart and the year's cards never disagree.
 */
export async function monitoringTrend(viewer: Viewer, query: unknown = {}) {
  authorize(viewer, "monitoring.read");
  const q = parseInput(summaryQuerySchema, query);
  const { years } = await monitoringYearOptions();
  const rows = await Promise.all(years.map((year) => monitoringSummary(viewer, { station: q.station, area: q.area, year })));
  return rows.map((s) => ({
    year: s.year, monitored: s.monitored.households, newlyIdentified: s.newlyIdentified, eliminated: s.eliminated,
    stillAtRisk: s.stillAtRisk.households, warned: s.warnedHouseholds, withoutCase: s.warningsWithoutCase,
  }));
}
