// npm run bench [-- --runs 7] — the dashboard at county scale (issue 5).
//
// Generates a fresh data set in a throwaway database: in-memory PGlite by default, or a new schema on the PostgreSQL
// server in DATABASE_URL (dropped at the end). 20 townships, 206 villages, 120 stations, 30,000 households,
// 200,000 sales and 1,000,000 ledger entries (payouts of the sales, their reversals, and every other source), loaded
// with set-based SQL (bench/dataset.ts, bench/sales.ts), then the summaries rebuilt once (rebuildSummaries).
// Then, for the article's period (2019-07-01 … 2020-06-30) and year (2020), it measures:
//   (a) dashboard(): the dashboard page's whole data load through lib/progress (validation, authorisation, shaping);
//   (b) the bare SQL statements (a) sends, run directly on the same connection: what reading the summaries costs;
//   (c) the same figures aggregated live from the raw ledger, sales and households (bench/live.ts).
// Each after two warm-up runs, median of --runs runs. Targets: a/b ≤ 2 and c/a ≥ 20. It also checks that (a) and (c)
// agree figure by figure, times a ledger write with its summary upkeep, and checks the summaries against a recompute.
// Then the monitoring pages' data (monitoringBench below) on the same data plus --recent entries over 2021–2025.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.resolve(import.meta.dirname, "..");
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 9);
const HOUSEHOLDS = arg("households", 30_000);
const ENTRIES = arg("entries", 1_000_000);
const SALES = arg("sales", 200_000);
const RECENT = arg("recent", 400_000);
const pgUrl = process.env.DATABASE_URL && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : null;

const round = (ms: number) => Math.round(ms * 10) / 10;
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

/** A fresh, migrated database (the same throwaway databases the tests use). */
async function openDatabase(): Promise<() => Promise<void>> {
  const { openThrowawayDatabase } = await import("../tests/throwaway-db");
  const database = await openThrowawayDatabase("bench_progress");
  console.log(`database: ${database.description}`);
  return () => database.close();
}

/** Two warm-up rounds, then `runs` timed rounds of every function in turn; the median of each. */
async function medians(runs: number, fns: [string, () => Promise<unknown>][]): Promise<number[]> {
  for (let i = 0; i < 2; i++) for (const [, fn] of fns) await fn();
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, [, fn]] of fns.entries()) {
      const t0 = performance.now();
      await fn();
      times[k].push(performance.now() - t0);
    }
  }
  return fns.map(([name], k) => {
    const t = times[k].sort((x, y) => x - y);
    const m = t[Math.floor(t.length / 2)];
    console.log(`  ${name.padEnd(58)} median ${round(m).toFixed(1).padStart(8)} ms   (min ${round(t[0])}, max ${round(t[t.length - 1])}, ${runs} runs)`);
    return m;
  });
}

async function median(name: string, runs: number, fn: () => Promise<unknown>): Promise<number> {
  return (await medians(runs, [[name, fn]]))[0];
}

/**
 * The monitoring pages' data at county scale: RECENT ledger entries over 2021–2025 go in, the warnings summary is
 * rebuilt once, then for the last full year (2025), county view:
 *   (a) listWarnings (per township) + monitoringSummary through lib/monitoring, as the /monitoring page loads them;
 *   (b) the raw SQL statements (a) sends (captured as it runs, replayed on the same connection);
 *   (c) the same per-township warning counts computed from the raw ledger, sales, hardships and registry with the
 *       rules of lib/monitoring/rules.ts (computeWarnings: the summary's own definition), without the summary.
 * Targets: a/b < 10 and c/a ≥ 20. (a) and (c) must agree township by township.
 */
async function monitoringBench(db: typeof import("../lib/db").db, viewer: import("../lib/auth/viewer").Viewer) {
  const { insertLedger } = await import("./dataset");
  const { listWarnings, monitoringSummary } = await import("../lib/monitoring");
  const { computeWarnings, loadThresholds, monitoringYears, rebuildWarnings, warningDrift } = await import("../lib/monitoring/warnings");
  const year = 2025;
  console.log(`
relapse-prevention monitoring, year ${year} (county view), with ${RECENT.toLocaleString("en")} more ledger entries over 2021–2025:`);
  const t0 = performance.now();
  const recent = await insertLedger(db as never, RECENT, 0.01, { from: "2021-01-01", to: "2025-12-31" });
  console.log(`  ledger 2021–2025: ${recent.entries.toLocaleString("en")} entries in ${seconds(t0)}`);
  const t1 = performance.now();
  await db.$transaction((tx) => rebuildWarnings(tx), { maxWait: 60_000, timeout: 60 * 60_000 });
  await db.$executeRawUnsafe("ANALYZE");
  const [warnRows] = await db.$queryRawUnsafe<{ warnings: number; households: number; years: number }[]>(
    `SELECT count(*)::int AS warnings, count(DISTINCT "householdId") FILTER (WHERE year = ${year})::int AS households,
            (SELECT count(*) FROM "MonitoringHouseholdYear")::int AS years FROM "MonitoringWarning"`);
  console.log(`  warnings summary rebuilt in ${seconds(t1)}: ${warnRows.warnings.toLocaleString("en")} warning rows, ${warnRows.households.toLocaleString("en")} households warned in ${year}, ${warnRows.years.toLocaleString("en")} household-years`);

  const page = () => Promise.all([listWarnings(viewer, { year: String(year), level: "county" }), monitoringSummary(viewer, { year: String(year) })]);
  // Capture the raw statements the page's load sends: the client behind lib/db, wrapped while it runs once.
  const holder = globalThis as unknown as { rongshuiDb: Record<string | symbol, unknown> };
  const real = holder.rongshuiDb;
  const captured: unknown[][] = [];
  holder.rongshuiDb = new Proxy(real, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (property === "$queryRaw") return (...args: unknown[]) => { captured.push(args); return (value as (...a: unknown[]) => unknown).apply(target, args); };
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  try { await page(); } finally { holder.rongshuiDb = real; }
  const rawQuery = real.$queryRaw as (...a: unknown[]) => Promise<unknown>;
  const replay = () => Promise.all(captured.map((args) => rawQuery.apply(real, args)));
  console.log(`  (b) replays the ${captured.length} raw statements (a) sends`);
  const today = (await import("../lib/format")).countyToday();
  const live = async () => {
    const years = (await db.$transaction((tx) => monitoringYears(tx, today))).filter((y) => y.year === year);
    const thresholds = await db.$transaction((tx) => loadThresholds(tx));
    const ids = (await db.household.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((h) => h.id);
    const villages = new Map((await db.village.findMany({ select: { id: true, township: { select: { code: true } } } })).map((v) => [v.id, v.township.code]));
    const byTownship = new Map<string, number>();
    for (let at = 0; at < ids.length; at += 2_000) {
      const rows = await db.$transaction((tx) => computeWarnings(tx, ids.slice(at, at + 2_000), years, thresholds, today), { timeout: 10 * 60_000 });
      for (const r of rows) if (r.warnings.length > 0) byTownship.set(villages.get(r.household.villageId)!, (byTownship.get(villages.get(r.household.villageId)!) ?? 0) + 1);
    }
    return byTownship;
  };
  const [a, b] = await medians(RUNS, [["(a) listWarnings + monitoringSummary through lib/monitoring", page], ["(b) the same raw SQL on the summaries", replay]]);
  const [c] = await medians(3, [["(c) the rules computed from the raw ledger (computeWarnings)", live]]);
  const [list] = await page();
  const fromLedger = await live();
  const mismatches = list.rows.filter((r) => r.households !== (fromLedger.get(r.code) ?? 0)).map((r) => r.code);
  if (list.rows.reduce((n, r) => n + r.households, 0) !== [...fromLedger.values()].reduce((n, v) => n + v, 0)) mismatches.push("total");
  console.log(`  figures: ${list.totals?.households.toLocaleString("en")} warned households in ${list.rows.length} townships; (a) and (c) agree: ${mismatches.length === 0 ? "yes" : `NO: ${mismatches.join(", ")}`}`);
  console.log(`\n  a = ${round(a)} ms   b = ${round(b)} ms   c = ${round(c)} ms`);
  console.log(`  a/b = ${(a / b).toFixed(2)} (target < 10: ${a / b < 10 ? "met" : "NOT met"})   c/a = ${(c / a).toFixed(1)} (target ≥ 20: ${c / a >= 20 ? "met" : "NOT met"})`);
  const tDrift = performance.now();
  const drift = await db.$transaction((tx) => warningDrift(tx), { timeout: 30 * 60_000 });
  console.log(`  warnings summary vs a full recompute: ${JSON.stringify(drift)} (${seconds(tDrift)})`);
  if (Object.values(drift).some((v) => v !== 0)) mismatches.push("drift");
  return { recentEntries: recent.entries, warnings: warnRows, aMs: round(a), bMs: round(b), cMs: round(c), ab: a / b, ca: c / a, statements: captured.length, mismatches, drift };
}

async function main() {
  const close = await openDatabase();
  try {
    const { db } = await import("../lib/db");
    const { insertPlaces, insertHouseholds, insertLedger } = await import("./dataset");
    const { insertSales, insertThresholds } = await import("./sales");
    const live = await import("./live");
    const { dashboard } = await import("../lib/progress");
    const q = await import("../lib/progress/queries");
    const { rebuildSummaries, summaryDrift } = await import("../lib/progress/summaries");
    const { monthIndex } = await import("../lib/progress/months");
    const { createIncomeEntry } = await import("../lib/income");

    // ── data set ──
    console.log(`\ngenerating: ${HOUSEHOLDS.toLocaleString("en")} households, ${SALES.toLocaleString("en")} sales, ${ENTRIES.toLocaleString("en")} ledger entries`);
    const t0 = performance.now();
    await insertPlaces(db);
    await insertHouseholds(db, HOUSEHOLDS);
    await insertThresholds(db);
    // Sale i has 1 + i % 3 suppliers and every 100th sale is reversed: the other sources fill up the million.
    let payouts = 0;
    let reversals = 0;
    for (let i = 1; i <= SALES; i++) {
      payouts += 1 + (i % 3);
      if (i % 100 === 0) reversals += 1 + (i % 3);
    }
    const tLedger = performance.now();
    const other = await insertLedger(db, ENTRIES - payouts - reversals);
    console.log(`  ledger, other sources: ${other.entries.toLocaleString("en")} entries (${other.reversals} reversals) in ${seconds(tLedger)}`);
    const tSales = performance.now();
    const s = await insertSales(db, SALES, 0.01);
    console.log(`  sales: ${s.sales.toLocaleString("en")} sales, ${s.payouts.toLocaleString("en")} payout entries, ${s.reversals.toLocaleString("en")} reversing entries in ${seconds(tSales)}`);
    const tRebuild = performance.now();
    await db.$transaction((tx) => rebuildSummaries(tx), { maxWait: 60_000, timeout: 60 * 60_000 });
    console.log(`  summaries rebuilt from the ledger in ${seconds(tRebuild)}`);
    await db.$executeRawUnsafe("ANALYZE");
    const counts = (await db.$queryRawUnsafe<Record<string, number>[]>(`
      SELECT (SELECT count(*) FROM "Household")::int AS households, (SELECT count(*) FROM "IncomeEntry")::int AS entries,
             (SELECT count(*) FROM "Sale")::int AS sales, (SELECT count(*) FROM "ProgressHouseholdEcom")::int AS "ecomRows",
             (SELECT count(*) FROM "ProgressHouseholdYear")::int AS "yearRows", (SELECT count(*) FROM "ProgressEcomMonth")::int AS "ecomMonthRows",
             (SELECT count(*) FROM "ProgressSalesMonth")::int AS "salesMonthRows", (SELECT count(*) FROM "ProgressBeneficiaryCell")::int AS "cells",
             (SELECT count(*) FROM "ProgressHouseholdGroup")::int AS "groupRows", (SELECT count(*) FROM "ProgressVillageYear")::int AS "villageYearRows",
             (SELECT round(avg(cardinality(months)))::int FROM "ProgressHouseholdEcom") AS "avgEcomMonthsPerHousehold"`))[0];
    console.log(`  loaded in ${seconds(t0)}:`, counts);

    // ── measurements ──
    const viewer = { id: 0, email: "bench-viewer@rongshui.example", name: "bench", role: "VIEWER" as const, stationId: null, locale: "zh-CN" };
    const query = { from: "2019-07-01", to: "2020-06-30", year: "2020" };
    const a0 = monthIndex(2019, 7);
    const a1 = monthIndex(2020, 6);
    const year = 2020;
    // The statements dashboard() sends for a county viewer with an explicit period (so no default-period lookup).
    const shared = [q.stationsSql(), q.coverageSql(), q.countySql()];
    const summarySql = [
      ...shared, q.beneficiariesSql(a0, a1, null), q.standingSql(year, null), q.incidenceSql(year), q.monthlyEcomSql(a0, a1, null),
      q.salesByProductSql(a0, a1, null), q.exitsPerYearSql(null), q.areaRowsSql("township", year, null),
    ];
    const liveSql = [
      ...shared, live.beneficiariesLiveSql(a0, a1), live.standingLiveSql(year), live.incidenceLiveSql(year), live.monthlyEcomLiveSql(a0, a1),
      live.salesByProductLiveSql(a0, a1), live.exitsLiveSql(), live.townshipLiveSql(year),
    ];
    const all = (list: typeof summarySql) => Promise.all(list.map((sql) => db.$queryRaw(sql)));

    console.log(`\ndashboard data for ${query.from} … ${query.to}, year ${year} (county view):`);
    // (a) and (b) alternate run by run, so neither gains from running second (warm caches, garbage collection).
    const [a, b] = await medians(RUNS, [
      ["(a) dashboard() through lib/progress", () => dashboard(viewer, query)],
      ["(b) bare SQL on the summary tables", () => all(summarySql)],
    ]);
    const [c] = await medians(Math.max(3, Math.ceil(RUNS / 2)), [["(c) live aggregation from ledger, sales, households", () => all(liveSql)]]);

    // The two ways must give the same figures.
    const d = await dashboard(viewer, query);
    const [, , , lb, , li, lm, lp, le, lt] = (await all(liveSql)) as Record<string, number>[][];
    const liveMonthly = new Map(lm.map((r) => [r.month, r.saleFen + r.jobFen]));
    const mismatches = [
      d.beneficiaries.households !== lb[0].households && "beneficiary households",
      d.beneficiaries.residents !== lb[0].residents && "beneficiary residents",
      d.beneficiaries.incomeFen !== lb[0].incomeFen && "beneficiary income",
      d.incidence.notExitedPeople !== li[0].notExitedPeople && "incidence",
      JSON.stringify(d.exits.map((e) => [e.year, e.households, e.people])) !== JSON.stringify(le.map((e) => [e.year, e.households, e.people])) && "exits per year",
      d.monthly.some((m, i) => m.totalFen !== (liveMonthly.get(a0 + i) ?? 0)) && "monthly e-commerce income",
      JSON.stringify(d.products.map((p) => [p.product.code, p.sales, p.amountFen])) !== JSON.stringify(lp.map((p) => [p.code, p.sales, p.amountFen])) && "sales by product",
      JSON.stringify(d.townships.map((t) => [t.code, t.ecommerceIncomeFen, t.poorPeople])) !== JSON.stringify(lt.map((t) => [t.code, t.ecomFen, t.poorPeople])) && "townships",
    ].filter(Boolean);
    console.log(`  figures: ${d.beneficiaries.households.toLocaleString("en")} beneficiary households, ${d.beneficiaries.residents.toLocaleString("en")} residents, ` +
      `¥${(d.beneficiaries.incomeFen / 100).toLocaleString("en")}; incidence ${d.incidence.percent?.toFixed(2)}%`);
    console.log(`  (a) and (c) agree: ${mismatches.length === 0 ? "yes" : `NO: ${mismatches.join(", ")}`}`);

    const ab = a / b;
    const ca = c / a;
    console.log(`\n  a = ${round(a)} ms   b = ${round(b)} ms   c = ${round(c)} ms`);
    console.log(`  a/b = ${ab.toFixed(2)} (target ≤ 2: ${ab <= 2 ? "met" : "NOT met"})   c/a = ${ca.toFixed(1)} (target ≥ 20: ${ca >= 20 ? "met" : "NOT met"})`);

    // ── writes keep the summaries right, at this scale ──
    console.log("\nledger write with summary upkeep (createIncomeEntry, e-commerce source):");
    const staff = { ...viewer, id: (await db.user.create({ data: { email: "bench-staff@rongshui.example", name: "bench", passwordHash: "x", role: "STAFF" } })).id, role: "STAFF" as const };
    const targets = (await db.household.findMany({ select: { id: true }, orderBy: { id: "asc" }, where: { id: { lte: 2000 } } })).map((h) => h.id);
    let n = 0;
    const w = await median("one entry (ledger row, its summary upkeep, the audit row)", 20, () =>
      createIncomeEntry(staff, { householdId: targets[n++ % targets.length], date: "2020-06-15", category: "WAGE", source: "STATION_JOB", amountFen: 1234 }),
    );
    const tDrift = performance.now();
    const drift = await summaryDrift(db);
    console.log(`  summaries vs a full recompute of ${ENTRIES.toLocaleString("en")}+ entries: ${JSON.stringify(drift)} (${seconds(tDrift)})`);

    // ── relapse-prevention monitoring (issue 10), on the same data plus a 2021–2025 ledger ──
    const m = await monitoringBench(db, viewer);

    mkdirSync(path.join(root, "bench", "out"), { recursive: true });
    const out = { at: new Date().toISOString(), database: pgUrl ? "postgresql" : "pglite", counts, runs: RUNS, aMs: round(a), bMs: round(b), cMs: round(c), ab, ca, writeMs: round(w), mismatches, drift, monitoring: m };
    writeFileSync(path.join(root, "bench", "out", `progress-${out.database}.json`), JSON.stringify(out, null, 2));
    if (mismatches.length > 0 || Object.values(drift).some((v) => v !== 0) || m.mismatches.length > 0) process.exitCode = 1;
  } finally {
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
