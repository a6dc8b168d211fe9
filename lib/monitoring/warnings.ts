// The warnings summary (MonitoringWarning, MonitoringHouseholdYear): the rules of lib/monitoring/rules.ts applied to
// every household in every monitoring year (a year with a monitoring line, up to the current one). Kept exact for
// the affected households inside the transaction of every write that changes a rule's input:
//   · the ledger (appendLedgerEntries: manual entries, reversals, imports, sale payouts),
//   · sales and their reversal (lib/sales), hardship reports (lib/monitoring/hardships.ts),
//   · the registry (create, edit, status change, import: lib/households, lib/import/households.ts),
//   · lines and thresholds (lib/monitoring/settings.ts: every household, as they change every year's verdicts).
// rebuildWarnings() recomputes the whole table (bulk loaders: the seed, the bench); warningDrift() compares.
// MonitoringAreaYear, the same warnings counted per year, village and station (warned households, per rule, without
// a case), is what the monitoring page reads for areas, totals and cards: a row per area, however many households.
// It is recomputed for the areas a refresh touches, and for a household's areas when one of its cases changes.
// Not a nightly job: the current year's window ends today, so its rows are as of the last write; the list says
// when each row was computed from (its window's dates are in its figures).
import type { Prisma } from "../generated/prisma/client";
import type { HouseholdKind, HouseholdStatus } from "../generated/prisma/enums";
import { countyToday } from "../format";
import { Prisma as P } from "../generated/prisma/client";
import { ECOM_SOURCES_SQL } from "../progress/summaries";
import { caseCoversYearSql } from "./sql";
import { DEFAULT_THRESHOLDS, WARNING_RULES, asOfDay, evaluateWarnings, monitoredIn, type DayIncome, type FiredWarning, type Thresholds, type YearFigures } from "./rules";

type Tx = Prisma.TransactionClient;

type HouseholdRow = {
  id: number; countyId: number; villageId: number; stationId: number | null; size: number; status: HouseholdStatus; kind: HouseholdKind;
  registeredYear: number; exitYear: number | null;
  foodClothingSecure: boolean; educationSecure: boolean; medicalSecure: boolean; housingSecure: boolean; waterSecure: boolean;
};

export type MonitoringYear = { year: number; lineFen: number; asOf: string };

/** The monitoring years (a line, not after the current year) with their lines and assessment days. */
export async function monitoringYears(tx: Tx, today = countyToday()): Promise<MonitoringYear[]> {
  const lines = await tx.monitoringLine.findMany({ where: { year: { lte: Number(today.slice(0, 4)) } }, orderBy: { year: "asc" } });
  return lines.map((l) => ({ year: l.year, lineFen: l.fenPerPerson, asOf: asOfDay(l.year, today) }));
}

export async function loadThresholds(tx: Tx): Promise<Thresholds> {
  const row = await tx.monitoringThresholds.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULT_THRESHOLDS;
  return { bandPct: row.bandPct, ecomDropPct: row.ecomDropPct, ecomSharePct: row.ecomSharePct, noSaleDays: row.noSaleDays, regularMonths: row.regularMonths };
}

const idsJson = (ids: readonly number[]) => JSON.stringify(ids);
const IDS = `(SELECT value::int FROM json_array_elements_text($1::json))`;

type Computed = { household: HouseholdRow; year: number; figures: YearFigures; warnings: FiredWarning[] };

/**
 * Computes the rules for the given households from the ledger, sales, hardships and registry (the summary's
 * definition; exported for the benchmark's raw-ledger comparison).
 */
export async function computeWarnings(tx: Tx, ids: readonly number[], years: MonitoringYear[], thresholds: Thresholds, today: string): Promise<Computed[]> {
  if (ids.length === 0 || years.length === 0) return [];
  const json = idsJson(ids);
  // Everything a rule may read: two 12-month windows before the first year's assessment day (which is in its year,
  // so from the 2nd of January two years before), and for the sales the quiet days plus the year before them (less).
  const since = `${years[0].year - 2}-01-01`;
  // The day rows and sale dates come one text per household (a county holds millions of them; one driver row each
  // was most of a full recompute's time), split back into the same rows here.
  const [households, incomeText, salesText, hardships] = await Promise.all([
    tx.$queryRawUnsafe<HouseholdRow[]>(
      `SELECT id, "countyId", "villageId", "stationId", size, status::text AS status, kind::text AS kind, "registeredYear", "exitYear",
              "foodClothingSecure", "educationSecure", "medicalSecure", "housingSecure", "waterSecure"
       FROM "Household" WHERE id IN ${IDS} ORDER BY id`,
      json,
    ),
    tx.$queryRawUnsafe<{ householdId: number; days: string }[]>(
      `SELECT "householdId", string_agg(date || ' ' || "incomeFen" || ' ' || "ecomFen", ',') AS days
       FROM (SELECT "householdId", to_char(date, 'YYYY-MM-DD') AS date, sum("amountFen") AS "incomeFen",
                    coalesce(sum("amountFen") FILTER (WHERE source IN (${ECOM_SOURCES_SQL})), 0) AS "ecomFen"
             FROM "IncomeEntry" WHERE "householdId" IN ${IDS} AND date >= $2::date GROUP BY 1, 2) d
       GROUP BY 1`,
      json, since,
    ),
    tx.$queryRawUnsafe<{ householdId: number; dates: string }[]>(
      `SELECT ss."householdId", string_agg(DISTINCT to_char(s.date, 'YYYY-MM-DD'), ',') AS dates
       FROM "SaleSupplier" ss JOIN "Sale" s ON s.id = ss."saleId"
       WHERE ss."householdId" IN ${IDS} AND s."reversedAt" IS NULL AND s.date >= $2::date GROUP BY 1`,
      json, since,
    ),
    tx.$queryRawUnsafe<{ householdId: number; date: string; type: string; amountFen: number | null }[]>(
      `SELECT "householdId", to_char(date, 'YYYY-MM-DD') AS date, type::text AS type, "amountFen" FROM "Hardship" WHERE "householdId" IN ${IDS} AND date >= $2::date`,
      json, since,
    ),
  ]);
  const group = <T extends { householdId: number }>(rows: T[]) => {
    const m = new Map<number, T[]>();
    for (const r of rows) {
      const list = m.get(r.householdId);
      if (list) list.push(r);
      else m.set(r.householdId, [r]);
    }
    return m;
  };
  const income = incomeText.flatMap((r) =>
    r.days.split(",").map((day) => {
      const [date, incomeFen, ecomFen] = day.split(" ");
      return { householdId: r.householdId, date, incomeFen: Number(incomeFen), ecomFen: Number(ecomFen) };
    }),
  );
  const sales = salesText.flatMap((r) => r.dates.split(",").map((date) => ({ householdId: r.householdId, date })));
  const incomeBy = group(income);
  const salesBy = group(sales);
  const hardshipsBy = group(hardships);
  const currentYear = Number(today.slice(0, 4));
  const out: Computed[] = [];
  for (const h of households) {
    const days: DayIncome[] = (incomeBy.get(h.id) ?? []).map((r) => ({ date: r.date, incomeFen: Number(r.incomeFen), ecomFen: Number(r.ecomFen) }));
    const saleDates = (salesBy.get(h.id) ?? []).map((r) => r.date);
    const hs = (hardshipsBy.get(h.id) ?? []).map((r) => ({ date: r.date, type: r.type, amountFen: r.amountFen }));
    for (const y of years) {
      // A household has rows only for the years it is monitored in.
      if (!monitoredIn(h, y.year)) continue;
      const { figures, warnings } = evaluateWarnings({
        household: h, year: y.year, asOf: y.asOf, lineFen: y.lineFen, thresholds, income: days, saleDates, hardships: hs, currentYear: y.year === currentYear,
      });
      out.push({ household: h, year: y.year, figures, warnings });
    }
  }
  return out;
}

async function write(tx: Tx, rows: Computed[]): Promise<void> {
  const CHUNK = 5_000;
  const years = rows.map((r) => ({
    householdId: r.household.id, year: r.year, countyId: r.household.countyId, size: r.figures.size, incomeFen: r.figures.incomeFen,
    ecomFen: r.figures.ecomFen, prevIncomeFen: r.figures.prevIncomeFen, prevEcomFen: r.figures.prevEcomFen,
  }));
  for (let at = 0; at < years.length; at += CHUNK) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "MonitoringHouseholdYear" ("householdId", year, "countyId", size, "incomeFen", "ecomFen", "prevIncomeFen", "prevEcomFen")
       SELECT * FROM json_to_recordset($1::json) AS x("householdId" int, year int, "countyId" int, size int, "incomeFen" bigint, "ecomFen" bigint, "prevIncomeFen" bigint, "prevEcomFen" bigint)`,
      JSON.stringify(years.slice(at, at + CHUNK)),
    );
  }
  const warnings = rows.flatMap((r) =>
    r.warnings.map((w) => ({
      householdId: r.household.id, year: r.year, rule: w.rule, countyId: r.household.countyId, villageId: r.household.villageId,
      stationId: r.household.stationId ?? 0, figures: w.figures,
    })),
  );
  for (let at = 0; at < warnings.length; at += CHUNK) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "MonitoringWarning" ("householdId", year, rule, "countyId", "villageId", "stationId", figures)
       SELECT "householdId", year, rule::"WarningRule", "countyId", "villageId", "stationId", figures
       FROM json_to_recordset($1::json) AS x("householdId" int, year int, rule text, "countyId" int, "villageId" int, "stationId" int, figures jsonb)`,
      JSON.stringify(warnings.slice(at, at + CHUNK)),
    );
  }
}

// ── The per-area summary ──────────────────────────────────────────────────────────────────────────────────────────

type AreaKey = { villageId: number; stationId: number };

/** The MonitoringAreaYear column of each rule's count. */
const AREA_RULE_COLUMNS = {
  LOW_INCOME: "lowIncome", ECOM_DROP: "ecomDrop", NO_SALES: "noSales", GUARANTEE_LOST: "guaranteeLost", HARDSHIP: "hardship",
} as const satisfies Record<(typeof WARNING_RULES)[number], string>;

/**
 * The counts of a group of warning rows (alias w): warned households, households per rule (each named by `name`),
 * and households no case covers in the row's year. What a MonitoringAreaYear row holds, and what the warning list
 * counts when a rule narrows it.
 */
export function warningCountsSql(name: (rule: (typeof WARNING_RULES)[number]) => string): P.Sql {
  return P.sql`
    count(DISTINCT w."householdId")::int AS households,
    ${P.join(WARNING_RULES.map((r) => P.sql`count(DISTINCT w."householdId") FILTER (WHERE w.rule = ${P.raw(`'${r}'`)})::int AS ${P.raw(`"${name(r)}"`)}`), ", ")},
    count(DISTINCT w."householdId") FILTER (WHERE NOT EXISTS (SELECT 1 FROM "MonitoringCase" c WHERE c."householdId" = w."householdId" AND ${caseCoversYearSql(P.sql`w.year`)}))::int AS "withoutCase"`;
}

/** The same counts summed over MonitoringAreaYear rows (alias w), each rule's named by the rule. */
export const AREA_SUMS_SQL = P.sql`
  coalesce(sum(w.households), 0)::int AS households,
  ${P.join(WARNING_RULES.map((r) => P.sql`coalesce(sum(w.${P.raw(`"${AREA_RULE_COLUMNS[r]}"`)}), 0)::int AS ${P.raw(`"${r}"`)}`), ", ")},
  coalesce(sum(w."withoutCase"), 0)::int AS "withoutCase"`;

const AREA_COUNTS = warningCountsSql((r) => AREA_RULE_COLUMNS[r]);
const AREA_COLUMNS = P.sql`(year, "villageId", "stationId", "countyId", households, "lowIncome", "ecomDrop", "noSales", "guaranteeLost", hardship, "withoutCase")`;

/** The areas (village, station) of the given households' warning rows. */
async function areasOf(tx: Tx, ids: readonly number[]): Promise<AreaKey[]> {
  if (ids.length === 0) return [];
  return tx.$queryRawUnsafe<AreaKey[]>(`SELECT DISTINCT "villageId", "stationId" FROM "MonitoringWarning" WHERE "householdId" IN ${IDS}`, idsJson(ids));
}

/**
 * Recomputes the per-area rows of the given areas from their warnings. Each area is locked first (a transaction-level
 * advisory lock, in a fixed order), so two writers in one village cannot both recount it from snapshots that miss the
 * other's warnings: the second waits, then counts with the first one's rows committed.
 */
async function refreshAreas(tx: Tx, areas: AreaKey[]): Promise<void> {
  const unique = [...new Map(areas.map((a) => [`${a.villageId}:${a.stationId}`, a])).values()].sort((a, b) => a.villageId - b.villageId || a.stationId - b.stationId);
  if (unique.length === 0) return;
  // The area's key: village and station in one int (two areas sharing a key would only wait for each other).
  for (const a of unique) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AREA_LOCK_CLASS}::int, ${(a.villageId * 1000 + a.stationId) | 0}::int)`;
  const keys = P.sql`(SELECT k."villageId", k."stationId" FROM json_to_recordset(${JSON.stringify(unique)}::json) AS k("villageId" int, "stationId" int))`;
  await tx.$executeRaw`DELETE FROM "MonitoringAreaYear" WHERE ("villageId", "stationId") IN ${keys}`;
  await tx.$executeRaw`INSERT INTO "MonitoringAreaYear" ${AREA_COLUMNS}
    SELECT w.year, w."villageId", w."stationId", min(w."countyId"), ${AREA_COUNTS}
    FROM "MonitoringWarning" w WHERE (w."villageId", w."stationId") IN ${keys} GROUP BY 1, 2, 3`;
}
/** The advisory-lock class of MonitoringAreaYear rows (the first key of the two-key form). */
const AREA_LOCK_CLASS = 7301;

/** Recounts every area of a year (or of every year) from the warnings: the rebuild's last step. */
async function rebuildAreas(tx: Tx, year?: number): Promise<void> {
  const only = year === undefined ? P.empty : P.sql`WHERE year = ${year}`;
  await tx.$executeRaw`DELETE FROM "MonitoringAreaYear" ${only}`;
  await tx.$executeRaw`INSERT INTO "MonitoringAreaYear" ${AREA_COLUMNS}
    SELECT w.year, w."villageId", w."stationId", min(w."countyId"), ${AREA_COUNTS} FROM "MonitoringWarning" w ${year === undefined ? P.empty : P.sql`WHERE w.year = ${year}`} GROUP BY 1, 2, 3`;
}

/** After a case of the household opened, closed or ended: its areas' "without a case" counts change. */
export async function refreshCaseAreas(tx: Tx, householdId: number): Promise<void> {
  await refreshAreas(tx, await areasOf(tx, [householdId]));
}

/**
 * Recomputes the warnings of the given households, in the caller's transaction (after its writes). Locks the
 * households first (in id order, as the ledger summaries do) so two writers of one household cannot interleave.
 */
export async function refreshWarnings(tx: Tx, householdIds: Iterable<number>, today = countyToday()): Promise<void> {
  const ids = [...new Set(householdIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  const json = idsJson(ids);
  await tx.$queryRawUnsafe(`SELECT id FROM "Household" WHERE id IN ${IDS} ORDER BY id FOR NO KEY UPDATE`, json);
  const [years, thresholds] = await Promise.all([monitoringYears(tx, today), loadThresholds(tx)]);
  // The areas the households' warnings were counted in before, and are counted in after (a move changes them).
  const before = await areasOf(tx, ids);
  await tx.$executeRawUnsafe(`DELETE FROM "MonitoringWarning" WHERE "householdId" IN ${IDS}`, json);
  await tx.$executeRawUnsafe(`DELETE FROM "MonitoringHouseholdYear" WHERE "householdId" IN ${IDS}`, json);
  const BATCH = 2_000;
  for (let at = 0; at < ids.length; at += BATCH) await write(tx, await computeWarnings(tx, ids.slice(at, at + BATCH), years, thresholds, today));
  await refreshAreas(tx, [...before, ...(await areasOf(tx, ids))]);
}

/** The households of sales (their suppliers), for refreshWarnings after a sale or its reversal. */
export async function saleHouseholds(tx: Tx, saleId: number): Promise<number[]> {
  const rows = await tx.saleSupplier.findMany({ where: { saleId }, select: { householdId: true } });
  return rows.map((r) => r.householdId);
}

/**
 * Recomputes the whole summary (bulk loaders, a changed threshold, repair), or one year of it (a changed line: the
 * rules of other years do not read it).
 */
export async function rebuildWarnings(tx: Tx, opts: { year?: number; today?: string } = {}): Promise<void> {
  const today = opts.today ?? countyToday();
  const only = opts.year === undefined ? "" : ` WHERE year = ${Number(opts.year)}`;
  await tx.$executeRawUnsafe(`DELETE FROM "MonitoringWarning"${only}`);
  await tx.$executeRawUnsafe(`DELETE FROM "MonitoringHouseholdYear"${only}`);
  const [allYears, thresholds] = await Promise.all([monitoringYears(tx, today), loadThresholds(tx)]);
  const years = opts.year === undefined ? allYears : allYears.filter((y) => y.year === opts.year);
  if (years.length === 0) return rebuildAreas(tx, opts.year);
  const all = await tx.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "Household" ORDER BY id`);
  const ids = all.map((r) => r.id);
  const BATCH = 2_000;
  for (let at = 0; at < ids.length; at += BATCH) await write(tx, await computeWarnings(tx, ids.slice(at, at + BATCH), years, thresholds, today));
  await rebuildAreas(tx, opts.year);
}

/** Stored rows that differ from a full recompute (0 when the summary is right), per table. */
export async function warningDrift(tx: Tx, today = countyToday()): Promise<{ MonitoringWarning: number; MonitoringHouseholdYear: number; MonitoringAreaYear: number }> {
  const [years, thresholds] = await Promise.all([monitoringYears(tx, today), loadThresholds(tx)]);
  const all = await tx.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "Household" ORDER BY id`);
  const want = await computeWarnings(tx, all.map((r) => r.id), years, thresholds, today);
  const key = (o: unknown) => JSON.stringify(o, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
  const wantWarnings = new Set(want.flatMap((r) => r.warnings.map((w) => key([r.household.id, r.year, w.rule, r.household.villageId, r.household.stationId ?? 0, w.figures]))));
  const wantYears = new Set(want.map((r) => key([r.household.id, r.year, r.figures.size, r.figures.incomeFen, r.figures.ecomFen, r.figures.prevIncomeFen, r.figures.prevEcomFen])));
  const haveWarnings = await tx.monitoringWarning.findMany();
  const haveYears = await tx.monitoringHouseholdYear.findMany();
  const hw = haveWarnings.map((w) => key([w.householdId, w.year, w.rule, w.villageId, w.stationId, w.figures]));
  const hy = haveYears.map((y) => key([y.householdId, y.year, y.size, Number(y.incomeFen), Number(y.ecomFen), Number(y.prevIncomeFen), Number(y.prevEcomFen)]));
  const diff = (have: string[], wantSet: Set<string>) => have.filter((k) => !wantSet.has(k)).length + (wantSet.size - have.filter((k) => wantSet.has(k)).length);
  // The per-area rows against a recount of the stored warnings (which the lines above compare with the rules).
  const [areas] = await tx.$queryRaw<{ n: number }[]>`
    WITH want AS (SELECT w.year, w."villageId", w."stationId", min(w."countyId") AS "countyId", ${AREA_COUNTS}
         FROM "MonitoringWarning" w GROUP BY 1, 2, 3),
    have AS (SELECT year, "villageId", "stationId", "countyId", households, "lowIncome", "ecomDrop", "noSales", "guaranteeLost", hardship, "withoutCase" FROM "MonitoringAreaYear")
    SELECT ((SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM have) x) + (SELECT count(*) FROM (SELECT * FROM have EXCEPT SELECT * FROM want) y))::int AS n`;
  return { MonitoringWarning: diff(hw, wantWarnings), MonitoringHouseholdYear: diff(hy, wantYears), MonitoringAreaYear: areas.n };
}
