// Summary tables behind the dashboards (schema: the Progress* models).
//
// Why: live aggregation over a county's million ledger rows costs 0.2–1 s per figure. Every ledger write goes through
// appendLedgerEntries (lib/income/ledger.ts) and every sale write through lib/sales, and both call in here inside
// their own transaction, so the summaries can never disagree with the ledger. Reads then touch small tables:
//
// - ProgressHouseholdEcom: one row per household with e-commerce income, holding its cumulative net e-commerce income
//   by month. A household's net income in months a..b is C(b) − C(a − 1): two array reads, so "beneficiary households
//   in any period" costs one pass over ≤ 30,000 short rows, whatever the period. (A household × month table would be
//   nearly as large as the ledger itself when entries are spread thinly.) Cumulative arrays add up element-wise, so an
//   update is an upsert that adds the batch's own cumulative array: row locks of the upsert keep concurrent writers
//   exact, and no read-modify-write happens in JavaScript.
// - ProgressHouseholdYear: a household's net income per year, all sources and e-commerce (per-capita figures).
// - ProgressEcomMonth: e-commerce income per month, station and source (monthly charts, station scorecards).
// - ProgressSalesMonth: sales per month, station, product and channel, reversed sales counted back out.
//
// Household size, status, village and station are NOT copied into any summary: figures join the Household table
// (30,000 rows) live, so a size or status change needs no summary maintenance and can never leave one stale.
// Bulk loaders that bypass appendLedgerEntries (the demo seed, the bench data set) call rebuildSummaries() at the end.
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

/**
 * SQL for C(k): the cumulative value of a household's array at month k (0 before its first month, the last element
 * after its last month). `first`, `cum` and `k` are SQL expressions.
 */
export function cumAt(first: string, cum: string, k: string): string {
  return `(CASE WHEN ${k} < ${first} OR cardinality(${cum}) = 0 THEN 0 ELSE ${cum}[least(${k} - ${first} + 1, cardinality(${cum}))] END)`;
}

const keyOf = (...parts: (string | number)[]) => parts.join("|");

function addTo<K>(map: Map<string, K & { amountFen: number }>, key: string, init: () => K, amountFen: number) {
  const row = map.get(key) ?? { ...init(), amountFen: 0 };
  row.amountFen += amountFen;
  map.set(key, row);
}

const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

/**
 * Adds freshly appended ledger rows to the summaries, in the caller's transaction. Rows are grouped first (one upsert
 * per table, keys sorted so concurrent writers lock rows in the same order).
 */
export async function applyLedgerRows(tx: Tx, rows: readonly LedgerRow[]): Promise<void> {
  if (rows.length === 0) return;
  const years = new Map<string, { householdId: number; year: number; countyId: number; ecomFen: number; amountFen: number }>();
  const ecomMonths = new Map<string, { householdId: number; countyId: number; month: number; amountFen: number }>();
  const ecomRows = rows.filter((r) => ECOM.has(r.source));
  for (const r of rows) {
    const year = r.date.getUTCFullYear();
    const key = keyOf(String(r.householdId).padStart(10, "0"), year);
    addTo(years, key, () => ({ householdId: r.householdId, year, countyId: r.countyId, ecomFen: 0 }), r.amountFen);
    if (ECOM.has(r.source)) years.get(key)!.ecomFen += r.amountFen;
  }
  for (const r of ecomRows) {
    const month = monthOfDate(r.date);
    addTo(ecomMonths, keyOf(String(r.householdId).padStart(10, "0"), month), () => ({ householdId: r.householdId, countyId: r.countyId, month }), r.amountFen);
  }

  await tx.$executeRawUnsafe(
    `INSERT INTO "ProgressHouseholdYear" AS t ("householdId", year, "countyId", "incomeFen", "ecomFen")
     SELECT "householdId", year, "countyId", "amountFen", "ecomFen" FROM json_to_recordset($1::json)
       AS x("householdId" int, year int, "countyId" int, "amountFen" bigint, "ecomFen" bigint)
     ON CONFLICT ("householdId", year) DO UPDATE
       SET "incomeFen" = t."incomeFen" + excluded."incomeFen", "ecomFen" = t."ecomFen" + excluded."ecomFen"`,
    JSON.stringify(byKey(years)),
  );
  if (ecomRows.length === 0) return;

  // Each household's batch as its own cumulative array from its first month in the batch.
  const households = new Map<number, { householdId: number; countyId: number; firstMonth: number; cumFen: number[] }>();
  for (const m of byKey(ecomMonths)) {
    const h = households.get(m.householdId);
    if (!h) {
      households.set(m.householdId, { householdId: m.householdId, countyId: m.countyId, firstMonth: m.month, cumFen: [m.amountFen] });
      continue;
    }
    const last = h.cumFen[h.cumFen.length - 1];
    while (h.firstMonth + h.cumFen.length < m.month) h.cumFen.push(last);
    h.cumFen.push(last + m.amountFen);
  }
  const cur = (k: string) => cumAt(`t."firstMonth"`, `t."cumFen"`, k);
  const add = (k: string) => cumAt(`excluded."firstMonth"`, `excluded."cumFen"`, k);
  await tx.$executeRawUnsafe(
    `INSERT INTO "ProgressHouseholdEcom" AS t ("householdId", "countyId", "firstMonth", "cumFen")
     SELECT "householdId", "countyId", "firstMonth", "cumFen" FROM json_to_recordset($1::json)
       AS x("householdId" int, "countyId" int, "firstMonth" int, "cumFen" bigint[])
     ON CONFLICT ("householdId") DO UPDATE SET
       "firstMonth" = least(t."firstMonth", excluded."firstMonth"),
       "cumFen" = (SELECT array_agg(${cur("k")} + ${add("k")} ORDER BY k)
                   FROM generate_series(least(t."firstMonth", excluded."firstMonth"),
                     greatest(t."firstMonth" + cardinality(t."cumFen"), excluded."firstMonth" + cardinality(excluded."cumFen")) - 1) AS k)`,
    JSON.stringify([...households.values()].sort((a, b) => a.householdId - b.householdId)),
  );

  // Station of each e-commerce row: the sale's station for a sale payout, else the station on the entry.
  const saleIds = [...new Set(ecomRows.map((r) => r.saleId).filter((id): id is number => id !== null))];
  const saleStation = new Map<number, number>();
  if (saleIds.length > 0) {
    const sales = await tx.sale.findMany({ where: { id: { in: saleIds } }, select: { id: true, stationId: true } });
    for (const s of sales) saleStation.set(s.id, s.stationId);
  }
  const months = new Map<string, { countyId: number; month: number; stationId: number; source: string; amountFen: number }>();
  for (const r of ecomRows) {
    const stationId = (r.saleId !== null ? saleStation.get(r.saleId) : undefined) ?? r.stationId ?? 0;
    const month = monthOfDate(r.date);
    addTo(months, keyOf(r.countyId, month, String(stationId).padStart(10, "0"), r.source), () => ({ countyId: r.countyId, month, stationId, source: r.source }), r.amountFen);
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "ProgressEcomMonth" AS t ("countyId", month, "stationId", source, "amountFen")
     SELECT "countyId", month, "stationId", source::"IncomeSource", "amountFen" FROM json_to_recordset($1::json)
       AS x("countyId" int, month int, "stationId" int, source text, "amountFen" bigint)
     ON CONFLICT ("countyId", month, "stationId", source) DO UPDATE SET "amountFen" = t."amountFen" + excluded."amountFen"`,
    JSON.stringify(byKey(months)),
  );
}

/** Counts a recorded sale in (sign 1) or a reversed sale back out (sign −1), in its own month. */
export async function applySale(tx: Tx, saleId: number, sign: 1 | -1): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "ProgressSalesMonth" AS t ("countyId", month, "stationId", "productId", channel, sales, "amountFen", quantity)
    SELECT s."countyId", ${sqlMonthOf("s.date")}, s."stationId", s."productId", s.channel, ${sign}::int,
           ${sign}::int * s."amountFen"::bigint, ${sign}::int * s.quantity
    FROM "Sale" s WHERE s.id = ${saleId}
    ON CONFLICT ("countyId", month, "stationId", "productId", channel) DO UPDATE
      SET sales = t.sales + excluded.sales, "amountFen" = t."amountFen" + excluded."amountFen", quantity = t.quantity + excluded.quantity`;
}

// ── Full recompute ──────────────────────────────────────────────────────────────────────────────────────────────
// One SELECT per table, used both to rebuild and to check (summaryDrift): the definition of each summary lives here.

const RECOMPUTE: Record<string, { columns: string; select: string }> = {
  ProgressHouseholdYear: {
    columns: `"householdId", year, "countyId", "incomeFen", "ecomFen"`,
    select: `
      SELECT "householdId", extract(year FROM date)::int, min("countyId"), sum("amountFen")::bigint,
             coalesce(sum("amountFen") FILTER (WHERE source IN (${ECOM_SOURCES_SQL})), 0)::bigint
      FROM "IncomeEntry" GROUP BY 1, 2`,
  },
  ProgressHouseholdEcom: {
    columns: `"householdId", "countyId", "firstMonth", "cumFen"`,
    select: `
      WITH m AS (
        SELECT "householdId" AS h, min("countyId") AS county, ${sqlMonthOf("date").sql} AS k, sum("amountFen")::bigint AS v
        FROM "IncomeEntry" WHERE source IN (${ECOM_SOURCES_SQL}) GROUP BY 1, 3),
      b AS (SELECT h, min(county) AS county, min(k) AS lo, max(k) AS hi FROM m GROUP BY h),
      g AS (SELECT b.h, b.county, b.lo, s.k, coalesce(m.v, 0) AS v
            FROM b CROSS JOIN LATERAL generate_series(b.lo, b.hi) AS s(k) LEFT JOIN m ON m.h = b.h AND m.k = s.k),
      r AS (SELECT h, county, lo, k, sum(v) OVER (PARTITION BY h ORDER BY k)::bigint AS c FROM g)
      SELECT h, county, lo, array_agg(c ORDER BY k) FROM r GROUP BY h, county, lo`,
  },
  ProgressEcomMonth: {
    columns: `"countyId", month, "stationId", source, "amountFen"`,
    select: `
      SELECT e."countyId", ${sqlMonthOf("e.date").sql}, coalesce(s."stationId", e."stationId", 0), e.source, sum(e."amountFen")::bigint
      FROM "IncomeEntry" e LEFT JOIN "Sale" s ON s.id = e."saleId"
      WHERE e.source IN (${ECOM_SOURCES_SQL}) GROUP BY 1, 2, 3, 4`,
  },
  ProgressSalesMonth: {
    columns: `"countyId", month, "stationId", "productId", channel, sales, "amountFen", quantity`,
    select: `
      SELECT "countyId", ${sqlMonthOf("date").sql}, "stationId", "productId", channel,
             count(*) FILTER (WHERE "reversedAt" IS NULL)::int,
             coalesce(sum("amountFen") FILTER (WHERE "reversedAt" IS NULL), 0)::bigint,
             coalesce(sum(quantity) FILTER (WHERE "reversedAt" IS NULL), 0)
      FROM "Sale" GROUP BY 1, 2, 3, 4, 5`,
  },
};

export const SUMMARY_TABLES = Object.keys(RECOMPUTE);

/**
 * Recomputes every summary from the ledger and the sales. For bulk loaders that insert ledger rows or sales directly
 * (seed, bench), at their end, in their transaction; also a repair tool.
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
