// The warnings summary (MonitoringWarning, MonitoringHouseholdYear): the rules of lib/monitoring/rules.ts applied to
// every household in every monitoring year (a year with a monitoring line, up to the current one). Kept exact for
// the affected households inside the transaction of every write that changes a rule's input:
//   · the ledger (appendLedgerEntries: manual entries, reversals, imports, sale payouts),
//   · sales and their reversal (lib/sales), hardship reports (lib/monitoring/hardships.ts),
//   · the registry (create, edit, status change, import: lib/households, lib/import/households.ts),
//   · lines and thresholds (lib/monitoring/settings.ts: every household, as they change every year's verdicts).
// rebuildWarnings() recomputes the whole table (bulk loaders: the seed, the bench); warningDrift() compares.
// Not a nightly job: the current year's window ends today, so its rows are as of the last write; the list says
// when each row was computed from (its window's dates are in its figures).
import type { Prisma } from "../generated/prisma/client";
import type { HouseholdKind, HouseholdStatus } from "../generated/prisma/enums";
import { countyToday } from "../format";
import { ECOM_SOURCES_SQL } from "../progress/summaries";
import { DEFAULT_THRESHOLDS, asOfDay, evaluateWarnings, monitoredIn, type DayIncome, type FiredWarning, type Thresholds, type YearFigures } from "./rules";

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

/** Computes the rules for the given households (all of them: ids null) from the ledger, sales, hardships, registry. */
async function compute(tx: Tx, ids: readonly number[], years: MonitoringYear[], thresholds: Thresholds, today: string): Promise<Computed[]> {
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
  await tx.$executeRawUnsafe(`DELETE FROM "MonitoringWarning" WHERE "householdId" IN ${IDS}`, json);
  await tx.$executeRawUnsafe(`DELETE FROM "MonitoringHouseholdYear" WHERE "householdId" IN ${IDS}`, json);
  const BATCH = 2_000;
  for (let at = 0; at < ids.length; at += BATCH) await write(tx, await compute(tx, ids.slice(at, at + BATCH), years, thresholds, today));
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
  if (years.length === 0) return;
  const all = await tx.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "Household" ORDER BY id`);
  const ids = all.map((r) => r.id);
  const BATCH = 2_000;
  for (let at = 0; at < ids.length; at += BATCH) await write(tx, await compute(tx, ids.slice(at, at + BATCH), years, thresholds, today));
}

/** Stored rows that differ from a full recompute (0 when the summary is right), per table. */
export async function warningDrift(tx: Tx, today = countyToday()): Promise<{ MonitoringWarning: number; MonitoringHouseholdYear: number }> {
  const [years, thresholds] = await Promise.all([monitoringYears(tx, today), loadThresholds(tx)]);
  const all = await tx.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "Household" ORDER BY id`);
  const want = await compute(tx, all.map((r) => r.id), years, thresholds, today);
  const key = (o: unknown) => JSON.stringify(o, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
  const wantWarnings = new Set(want.flatMap((r) => r.warnings.map((w) => key([r.household.id, r.year, w.rule, r.household.villageId, r.household.stationId ?? 0, w.figures]))));
  const wantYears = new Set(want.map((r) => key([r.household.id, r.year, r.figures.size, r.figures.incomeFen, r.figures.ecomFen, r.figures.prevIncomeFen, r.figures.prevEcomFen])));
  const haveWarnings = await tx.monitoringWarning.findMany();
  const haveYears = await tx.monitoringHouseholdYear.findMany();
  const hw = haveWarnings.map((w) => key([w.householdId, w.year, w.rule, w.villageId, w.stationId, w.figures]));
  const hy = haveYears.map((y) => key([y.householdId, y.year, y.size, Number(y.incomeFen), Number(y.ecomFen), Number(y.prevIncomeFen), Number(y.prevEcomFen)]));
  const diff = (have: string[], wantSet: Set<string>) => have.filter((k) => !wantSet.has(k)).length + (wantSet.size - have.filter((k) => wantSet.has(k)).length);
  return { MonitoringWarning: diff(hw, wantWarnings), MonitoringHouseholdYear: diff(hy, wantYears) };
}
