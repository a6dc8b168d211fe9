// Summary tables behind the dashboards (schema: the Progress* models; the trigger is in migration
// 20261129100000_progress_summaries).
//
// Why: live aggregation over a county's million ledger rows costs 0.2–1 s per figure, and on embedded PGlite even a
// pass over the 30,000-row registry costs tens of milliseconds. So every dashboard figure reads a table of at most a
// few thousand rows, kept exact inside the transaction of every write:
//
// - Ledger-derived (this file, called by appendLedgerEntries — the one way into the ledger — and by lib/sales):
//   · ProgressEcomMonth / ProgressEcomCountyMonth: e-commerce income per month, station and source / per month for
//     the county (charts, county income, scorecards).
//   · ProgressSalesMonth / ProgressSalesCountyMonth: sales per month, station, product and channel / per month and
//     product for the county; reversed sales counted back out.
//   · ProgressHouseholdEcom: a household's net e-commerce income per month (sparse), the household-level truth.
//   · ProgressBeneficiaryCell: beneficiary households and residents of ANY whole-month period as a sum over a few
//     hundred cells (see the model's comment). It rests on one ledger invariant: a household's net e-commerce income
//     in a month is never negative (amounts are positive; a reversal cancels an entry of the same date), so "net
//     income in the period > 0" ⇔ "some month of the period has net income > 0". applyLedgerRows refuses a write
//     that would break it, loudly, rather than let a figure go wrong. The county's beneficiary income is then simply
//     its e-commerce income in the period.
//   · ProgressHouseholdYear / ProgressVillageYear: income per household and year (per-capita income, eligibility)
//     and e-commerce income per village and year (drill-down); ProgressLedgerYear: the ledger's rows and net amount
//     per county and year (the county ledger's count and total as it opens), ProgressHouseholdYear.entries per
//     household (a station's).
// - Registry-derived (the "Household" trigger): ProgressHouseholdGroup / ProgressCountyGroup (registered households,
//   kind REGISTERED, never those entered for monitoring only; households and people per village, station,
//   registration year, exit year and status / per county), the people in beneficiary cells
//   when a household's size changes, and its e-commerce income per village-year when it moves village.
//
// Concurrency: writers lock the affected households' rows (FOR NO KEY UPDATE) before reading their summary rows, and
// shared counters are additive upserts, so concurrent writers cannot lose an update. Bulk loaders that bypass
// appendLedgerEntries (the demo seed, the bench data set) call rebuildSummaries() at the end.
import { Prisma } from "../generated/prisma/client";
import { ECOMMERCE_SOURCES } from "./rules";
import { monthOfDate, sqlMonthOf } from "./months";

type Tx = Prisma.TransactionClient;

/** What the summaries need of a ledger row (appendLedgerEntries passes the created rows as they are). */
export type LedgerRow = {
  householdId: number;
  countyId: number;
  stationId: number | null;
  saleId: number | null;
  date: Date;
  source: string;
  amountFen: number;
};

const ECOM = new Set<string>(ECOMMERCE_SOURCES);
/** SQL list of the e-commerce sources, for IN (…). */
export const ECOM_SOURCES_SQL = ECOMMERCE_SOURCES.map((s) => `'${s}'`).join(", ");

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const pad = (n: number) => String(n + 10_000_000_000).padStart(12, "0"); // sortable keys, also for −1

/** Sums amounts into rows by key; returns the rows sorted by key (so concurrent writers lock rows in one order). */
class Sums<T extends object> {
  private rows = new Map<string, T & { amountFen: number }>();
  add(key: (string | number)[], init: () => T, amountFen: number) {
    const k = key.map((p) => (typeof p === "number" ? pad(p) : p)).join("|");
    const row = this.rows.get(k) ?? { ...init(), amountFen: 0 };
    row.amountFen += amountFen;
    this.rows.set(k, row);
    return row;
  }
  sorted() {
    return [...this.rows.entries()].sort(([a], [b]) => cmp(a, b)).map(([, v]) => v);
  }
  get size() {
    return this.rows.size;
  }
}

/** Cells of one household: (p_i, p_{i−1}) for its months with net income > 0, p_0 = −1. */
function cellsOf(months: number[], net: number[]): [number, number][] {
  const cells: [number, number][] = [];
  let prev = -1;
  months.forEach((m, i) => {
    if (net[i] > 0) {
      cells.push([m, prev]);
      prev = m;
    }
  });
  return cells;
}

export class LedgerInvariantError extends Error {}

/**
 * Adds freshly appended ledger rows to the summaries, in the caller's transaction (appendLedgerEntries calls it with
 * the rows it created).
 */
export async function applyLedgerRows(tx: Tx, rows: readonly LedgerRow[]): Promise<void> {
  if (rows.length === 0) return;
  const years = new Sums<{ householdId: number; year: number; countyId: number; ecomFen: number; entries: number }>();
  for (const r of rows) {
    const year = r.date.getUTCFullYear();
    const row = years.add([r.householdId, year], () => ({ householdId: r.householdId, year, countyId: r.countyId, ecomFen: 0, entries: 0 }), r.amountFen);
    if (ECOM.has(r.source)) row.ecomFen += r.amountFen;
    row.entries += 1;
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "ProgressHouseholdYear" AS t ("householdId", year, "countyId", "incomeFen", "ecomFen", entries)
     SELECT "householdId", year, "countyId", "amountFen", "ecomFen", entries FROM json_to_recordset($1::json)
       AS x("householdId" int, year int, "countyId" int, "amountFen" bigint, "ecomFen" bigint, entries int)
     ON CONFLICT ("householdId", year) DO UPDATE
       SET "incomeFen" = t."incomeFen" + excluded."incomeFen", "ecomFen" = t."ecomFen" + excluded."ecomFen",
           entries = t.entries + excluded.entries`,
    JSON.stringify(years.sorted()),
  );
  const countyYears = new Sums<{ countyId: number; year: number; entries: number }>();
  for (const r of rows) {
    const year = r.date.getUTCFullYear();
    countyYears.add([r.countyId, year], () => ({ countyId: r.countyId, year, entries: 0 }), r.amountFen).entries += 1;
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "ProgressLedgerYear" AS t ("countyId", year, entries, "incomeFen")
     SELECT "countyId", year, entries, "amountFen" FROM json_to_recordset($1::json)
       AS x("countyId" int, year int, entries int, "amountFen" bigint)
     ON CONFLICT ("countyId", year) DO UPDATE
       SET entries = t.entries + excluded.entries, "incomeFen" = t."incomeFen" + excluded."incomeFen"`,
    JSON.stringify(countyYears.sorted()),
  );
  const ecomRows = rows.filter((r) => ECOM.has(r.source));
  if (ecomRows.length === 0) return;

  // Lock the households (serialises with other ledger writes and registry edits of the same households) and read
  // their size, village and e-commerce months.
  const ids = [...new Set(ecomRows.map((r) => r.householdId))].sort((a, b) => a - b);
  // Arrays travel as JSON text: the driver adapters do not agree on how they pass array parameters and results.
  const current = await tx.$queryRawUnsafe<{ id: number; countyId: number; villageId: number; size: number; ecom: string | null }[]>(
    `SELECT h.id, h."countyId", h."villageId", h.size, json_build_object('months', e.months, 'net', e."netFen")::text AS ecom
     FROM "Household" h LEFT JOIN "ProgressHouseholdEcom" e ON e."householdId" = h.id
     WHERE h.id IN (SELECT value::int FROM json_array_elements_text($1::json)) ORDER BY h.id FOR NO KEY UPDATE OF h`,
    JSON.stringify(ids),
  );
  const households = new Map(
    current.map((h) => {
      const e = h.ecom ? (JSON.parse(h.ecom) as { months: number[] | null; net: number[] | null }) : null;
      return [h.id, { ...h, months: e?.months ?? [], netFen: e?.net ?? [] }];
    }),
  );

  const monthly = new Map<number, Map<number, number>>(); // household → month → amount of this batch
  const villageYears = new Sums<{ year: number; villageId: number; countyId: number }>();
  for (const r of ecomRows) {
    const h = households.get(r.householdId)!;
    const m = monthOfDate(r.date);
    const byMonth = monthly.get(r.householdId) ?? new Map<number, number>();
    byMonth.set(m, (byMonth.get(m) ?? 0) + r.amountFen);
    monthly.set(r.householdId, byMonth);
    const year = r.date.getUTCFullYear();
    villageYears.add([year, h.villageId, h.countyId], () => ({ year, villageId: h.villageId, countyId: h.countyId }), r.amountFen);
  }

  const ecomUpserts: { householdId: number; countyId: number; months: number[]; netFen: number[] }[] = [];
  const cells = new Sums<{ month: number; prevMonth: number; countyId: number; people: number }>();
  for (const id of ids) {
    const h = households.get(id)!;
    const net = new Map<number, number>();
    h.months.forEach((m, i) => net.set(m, h.netFen[i]));
    for (const [m, fen] of monthly.get(id)!) net.set(m, (net.get(m) ?? 0) + fen);
    const months = [...net.keys()].sort((a, b) => a - b);
    const netFen = months.map((m) => net.get(m)!);
    const negative = months.find((m) => net.get(m)! < 0);
    if (negative !== undefined) {
      throw new LedgerInvariantError(`household ${id}: net e-commerce income of month ${negative} would be negative`);
    }
    ecomUpserts.push({ householdId: id, countyId: h.countyId, months, netFen });
    const before = cellsOf(h.months, h.netFen);
    const after = cellsOf(months, netFen);
    for (const [sign, list] of [[-1, before], [1, after]] as const) {
      for (const [month, prevMonth] of list) {
        cells.add([month, prevMonth, h.countyId], () => ({ month, prevMonth, countyId: h.countyId, people: 0 }), sign).people += sign * h.size;
      }
    }
  }

  await tx.$executeRawUnsafe(
    `INSERT INTO "ProgressHouseholdEcom" ("householdId", "countyId", months, "netFen")
     SELECT "householdId", "countyId", months, "netFen" FROM json_to_recordset($1::json)
       AS x("householdId" int, "countyId" int, months int[], "netFen" bigint[])
     ON CONFLICT ("householdId") DO UPDATE SET months = excluded.months, "netFen" = excluded."netFen"`,
    JSON.stringify(ecomUpserts),
  );
  const changedCells = cells.sorted().filter((c) => c.amountFen !== 0 || c.people !== 0);
  if (changedCells.length > 0) {
    const json = JSON.stringify(changedCells);
    await tx.$executeRawUnsafe(
      `INSERT INTO "ProgressBeneficiaryCell" AS t (month, "prevMonth", "countyId", households, people)
       SELECT month, "prevMonth", "countyId", "amountFen", people FROM json_to_recordset($1::json)
         AS x(month int, "prevMonth" int, "countyId" int, "amountFen" int, people int)
       ON CONFLICT (month, "prevMonth", "countyId") DO UPDATE
         SET households = t.households + excluded.households, people = t.people + excluded.people`,
      json,
    );
    await tx.$executeRawUnsafe(
      `DELETE FROM "ProgressBeneficiaryCell" c USING json_to_recordset($1::json) AS x(month int, "prevMonth" int, "countyId" int)
       WHERE c.households = 0 AND c.month = x.month AND c."prevMonth" = x."prevMonth" AND c."countyId" = x."countyId"`,
      json,
    );
  }
  const villageJson = JSON.stringify(villageYears.sorted());
  await tx.$executeRawUnsafe(
    `INSERT INTO "ProgressVillageYear" AS t (year, "villageId", "countyId", "ecomFen")
     SELECT year, "villageId", "countyId", "amountFen" FROM json_to_recordset($1::json)
       AS x(year int, "villageId" int, "countyId" int, "amountFen" bigint)
     ON CONFLICT (year, "villageId", "countyId") DO UPDATE SET "ecomFen" = t."ecomFen" + excluded."ecomFen"`,
    villageJson,
  );
  await tx.$executeRawUnsafe(
    `DELETE FROM "ProgressVillageYear" v USING json_to_recordset($1::json) AS x(year int, "villageId" int, "countyId" int)
     WHERE v."ecomFen" = 0 AND v.year = x.year AND v."villageId" = x."villageId" AND v."countyId" = x."countyId"`,
    villageJson,
  );

  // Station of each e-commerce row: the sale's station for a sale payout, else the station on the entry.
  const saleIds = [...new Set(ecomRows.map((r) => r.saleId).filter((id): id is number => id !== null))];
  const saleStation = new Map<number, number>();
  if (saleIds.length > 0) {
    const sales = await tx.sale.findMany({ where: { id: { in: saleIds } }, select: { id: true, stationId: true } });
    for (const s of sales) saleStation.set(s.id, s.stationId);
  }
  const months = new Sums<{ month: number; countyId: number; stationId: number; source: string }>();
  const countyMonths = new Sums<{ month: number; countyId: number; source: string }>();
  for (const r of ecomRows) {
    const stationId = (r.saleId !== null ? saleStation.get(r.saleId) : undefined) ?? r.stationId ?? 0;
    const month = monthOfDate(r.date);
    months.add([month, r.countyId, stationId, r.source], () => ({ month, countyId: r.countyId, stationId, source: r.source }), r.amountFen);
    countyMonths.add([month, r.countyId, r.source], () => ({ month, countyId: r.countyId, source: r.source }), r.amountFen);
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "ProgressEcomCountyMonth" AS t (month, "countyId", source, "amountFen")
     SELECT month, "countyId", source::"IncomeSource", "amountFen" FROM json_to_recordset($1::json)
       AS x(month int, "countyId" int, source text, "amountFen" bigint)
     ON CONFLICT (month, "countyId", source) DO UPDATE SET "amountFen" = t."amountFen" + excluded."amountFen"`,
    JSON.stringify(countyMonths.sorted()),
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "ProgressEcomMonth" AS t (month, "countyId", "stationId", source, "amountFen")
     SELECT month, "countyId", "stationId", source::"IncomeSource", "amountFen" FROM json_to_recordset($1::json)
       AS x(month int, "countyId" int, "stationId" int, source text, "amountFen" bigint)
     ON CONFLICT (month, "countyId", "stationId", source) DO UPDATE SET "amountFen" = t."amountFen" + excluded."amountFen"`,
    JSON.stringify(months.sorted()),
  );
}

/** Counts a recorded sale in (sign 1) or a reversed sale back out (sign −1), in its own month. */
export async function applySale(tx: Tx, saleId: number, sign: 1 | -1): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "ProgressSalesMonth" AS t (month, "countyId", "stationId", "productId", channel, sales, "amountFen", quantity)
    SELECT ${sqlMonthOf("s.date")}, s."countyId", s."stationId", s."productId", s.channel, ${sign}::int,
           ${sign}::int * s."amountFen"::bigint, ${sign}::int * s.quantity
    FROM "Sale" s WHERE s.id = ${saleId}
    ON CONFLICT (month, "countyId", "stationId", "productId", channel) DO UPDATE
      SET sales = t.sales + excluded.sales, "amountFen" = t."amountFen" + excluded."amountFen", quantity = t.quantity + excluded.quantity`;
  await tx.$executeRaw`
    INSERT INTO "ProgressSalesCountyMonth" AS t (month, "countyId", "productId", sales, "amountFen", quantity)
    SELECT ${sqlMonthOf("s.date")}, s."countyId", s."productId", ${sign}::int, ${sign}::int * s."amountFen"::bigint, ${sign}::int * s.quantity
    FROM "Sale" s WHERE s.id = ${saleId}
    ON CONFLICT (month, "countyId", "productId") DO UPDATE
      SET sales = t.sales + excluded.sales, "amountFen" = t."amountFen" + excluded."amountFen", quantity = t.quantity + excluded.quantity`;
}

// ── Full recompute ──────────────────────────────────────────────────────────────────────────────────────────────
// One SELECT per table, used both to rebuild and to check (summaryDrift): the definition of each summary lives here.

const ECOM_MONTHS = `
  SELECT "householdId", min("countyId") AS county, ${sqlMonthOf("date").sql} AS month, sum("amountFen")::bigint AS net
  FROM "IncomeEntry" WHERE source IN (${ECOM_SOURCES_SQL}) GROUP BY "householdId", 3`;

const RECOMPUTE: Record<string, { columns: string; select: string }> = {
  ProgressHouseholdYear: {
    columns: `"householdId", year, "countyId", "incomeFen", "ecomFen", entries`,
    select: `
      SELECT "householdId", extract(year FROM date)::int, min("countyId"), sum("amountFen")::bigint,
             coalesce(sum("amountFen") FILTER (WHERE source IN (${ECOM_SOURCES_SQL})), 0)::bigint, count(*)::int
      FROM "IncomeEntry" GROUP BY 1, 2`,
  },
  ProgressLedgerYear: {
    columns: `"countyId", year, entries, "incomeFen"`,
    select: `
      SELECT "countyId", extract(year FROM date)::int, count(*)::int, sum("amountFen")::bigint
      FROM "IncomeEntry" GROUP BY 1, 2`,
  },
  ProgressHouseholdEcom: {
    columns: `"householdId", "countyId", months, "netFen"`,
    select: `
      SELECT "householdId", min(county), array_agg(month ORDER BY month), array_agg(net ORDER BY month)
      FROM (${ECOM_MONTHS}) m GROUP BY "householdId"`,
  },
  ProgressBeneficiaryCell: {
    columns: `month, "prevMonth", "countyId", households, people`,
    select: `
      SELECT p.month, p.prev, h."countyId", count(*)::int, sum(h.size)::int
      FROM (SELECT "householdId", month, lag(month, 1, -1) OVER (PARTITION BY "householdId" ORDER BY month) AS prev
            FROM (${ECOM_MONTHS}) m WHERE net > 0) p
      JOIN "Household" h ON h.id = p."householdId"
      GROUP BY 1, 2, 3`,
  },
  ProgressVillageYear: {
    columns: `year, "villageId", "countyId", "ecomFen"`,
    select: `
      SELECT extract(year FROM e.date)::int, h."villageId", h."countyId", sum(e."amountFen")::bigint
      FROM "IncomeEntry" e JOIN "Household" h ON h.id = e."householdId"
      WHERE e.source IN (${ECOM_SOURCES_SQL}) GROUP BY 1, 2, 3 HAVING sum(e."amountFen") <> 0`,
  },
  ProgressEcomMonth: {
    columns: `month, "countyId", "stationId", source, "amountFen"`,
    select: `
      SELECT ${sqlMonthOf("e.date").sql}, e."countyId", coalesce(s."stationId", e."stationId", 0), e.source, sum(e."amountFen")::bigint
      FROM "IncomeEntry" e LEFT JOIN "Sale" s ON s.id = e."saleId"
      WHERE e.source IN (${ECOM_SOURCES_SQL}) GROUP BY 1, 2, 3, 4`,
  },
  ProgressEcomCountyMonth: {
    columns: `month, "countyId", source, "amountFen"`,
    select: `
      SELECT ${sqlMonthOf("date").sql}, "countyId", source, sum("amountFen")::bigint
      FROM "IncomeEntry" WHERE source IN (${ECOM_SOURCES_SQL}) GROUP BY 1, 2, 3`,
  },
  ProgressSalesMonth: {
    columns: `month, "countyId", "stationId", "productId", channel, sales, "amountFen", quantity`,
    select: `
      SELECT ${sqlMonthOf("date").sql}, "countyId", "stationId", "productId", channel,
             count(*) FILTER (WHERE "reversedAt" IS NULL)::int,
             coalesce(sum("amountFen") FILTER (WHERE "reversedAt" IS NULL), 0)::bigint,
             coalesce(sum(quantity) FILTER (WHERE "reversedAt" IS NULL), 0)
      FROM "Sale" GROUP BY 1, 2, 3, 4, 5`,
  },
  ProgressSalesCountyMonth: {
    columns: `month, "countyId", "productId", sales, "amountFen", quantity`,
    select: `
      SELECT ${sqlMonthOf("date").sql}, "countyId", "productId",
             count(*) FILTER (WHERE "reversedAt" IS NULL)::int,
             coalesce(sum("amountFen") FILTER (WHERE "reversedAt" IS NULL), 0)::bigint,
             coalesce(sum(quantity) FILTER (WHERE "reversedAt" IS NULL), 0)
      FROM "Sale" GROUP BY 1, 2, 3`,
  },
  ProgressHouseholdGroup: {
    columns: `"countyId", "villageId", "stationId", "registeredYear", "exitYear", status, households, people`,
    select: `
      SELECT "countyId", "villageId", coalesce("stationId", 0), "registeredYear", coalesce("exitYear", 0), status, count(*)::int, sum(size)::int
      FROM "Household" WHERE kind = 'REGISTERED' GROUP BY 1, 2, 3, 4, 5, 6`,
  },
  ProgressCountyGroup: {
    columns: `"countyId", "registeredYear", "exitYear", status, households, people`,
    select: `
      SELECT "countyId", "registeredYear", coalesce("exitYear", 0), status, count(*)::int, sum(size)::int
      FROM "Household" WHERE kind = 'REGISTERED' GROUP BY 1, 2, 3, 4`,
  },
};

export const SUMMARY_TABLES = Object.keys(RECOMPUTE);

/**
 * Recomputes every summary from the ledger, the sales and the registry. For bulk loaders that insert ledger rows or
 * sales directly (seed, bench), at their end, in their transaction; also a repair tool.
 */
export async function rebuildSummaries(tx: Tx): Promise<void> {
  for (const [table, { columns, select }] of Object.entries(RECOMPUTE)) {
    await tx.$executeRawUnsafe(`DELETE FROM "${table}"`);
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${columns}) ${select}`);
  }
}

/** Rows that differ between each summary table and a full recompute (all zero when the summaries are right). */
export async function summaryDrift(tx: Tx): Promise<Record<string, number>> {
  const drift: Record<string, number> = {};
  for (const [table, { columns, select }] of Object.entries(RECOMPUTE)) {
    const rows = await tx.$queryRawUnsafe<{ n: number }[]>(`
      WITH want AS (${select}), have AS (SELECT ${columns} FROM "${table}")
      SELECT ((SELECT count(*) FROM (SELECT * FROM want EXCEPT ALL SELECT * FROM have) a)
            + (SELECT count(*) FROM (SELECT * FROM have EXCEPT ALL SELECT * FROM want) b))::int AS n`);
    drift[table] = rows[0].n;
  }
  return drift;
}
