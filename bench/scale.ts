// npm run bench:scale [-- --sizes 30000,100000,300000 --per 10 --runs 7]
//
// Growth (issue 11, item 5): how the pages' data grows with the number of households. For each size, a throwaway
// schema on the PostgreSQL server in DATABASE_URL (required: the embedded PGlite is one county's database) gets the
// bench data set in proportion: `size` households, `per` ledger entries per household over 2014–2020 plus a third of
// that over 2021–2025, one sale per 3 households (with supplier payouts), the summaries and the warnings rebuilt once.
// Then, median of --runs after two warm-ups, through lib/ as the pages call it:
//   dashboard   the exit dashboard's data for the county, 2020 (lib/progress dashboard)
//   registry    the registry's first page, no filter, with its count (lib/households listHouseholds)
//   household   one household's page: record, years, its newest ledger rows and totals (lib/income householdOverview)
//   ledger      the county ledger's first page with count and total (lib/income listIncomeEntries)
//   warnings    the monitoring page's warnings per township and consolidation summary, 2025 (lib/monitoring)
// and prints each time with its growth against the smallest size, beside the growth of the data (bench/out/scale.json).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.resolve(import.meta.dirname, "..");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SIZES = arg("sizes", "30000,100000,300000").split(",").map(Number);
const PER = Number(arg("per", "10"));
const RUNS = Number(arg("runs", "7"));
const base = process.env.DATABASE_URL;
if (!base || !/^postgres(ql)?:\/\//.test(base)) {
  console.error("bench:scale needs DATABASE_URL (a PostgreSQL server): e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:scale");
  process.exit(2);
}

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function median(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

type Row = { households: number; entries: number; ms: Record<string, number> };

async function measure(size: number): Promise<Row> {
  process.env.DATABASE_URL = base;
  const { openThrowawayDatabase } = await import("../tests/throwaway-db");
  const database = await openThrowawayDatabase("bench_scale");
  try {
    const { db } = await import("../lib/db");
    const { insertPlaces, insertHouseholds, insertLedger } = await import("./dataset");
    const { insertSales, insertThresholds } = await import("./sales");
    const { rebuildSummaries } = await import("../lib/progress/summaries");
    const { rebuildWarnings } = await import("../lib/monitoring/warnings");
    const t0 = performance.now();
    await insertPlaces(db as never);
    await insertHouseholds(db as never, size);
    await insertThresholds(db);
    await insertLedger(db as never, size * PER);
    await insertSales(db as never, Math.round(size / 3), 0.01);
    await insertLedger(db as never, Math.round((size * PER) / 3), 0.01, { from: "2021-01-01", to: "2025-12-31" });
    await db.$transaction((tx) => rebuildSummaries(tx), { maxWait: 60_000, timeout: 60 * 60_000 });
    await db.$transaction((tx) => rebuildWarnings(tx), { maxWait: 60_000, timeout: 60 * 60_000 });
    await db.$executeRawUnsafe("ANALYZE");
    const [counts] = await db.$queryRawUnsafe<{ households: number; entries: number }[]>(
      `SELECT (SELECT count(*) FROM "Household")::int AS households, (SELECT count(*) FROM "IncomeEntry")::int AS entries`);
    console.log(`\n${counts.households.toLocaleString("en")} households, ${counts.entries.toLocaleString("en")} entries loaded in ${seconds(t0)} (${database.description})`);

    const { dashboard } = await import("../lib/progress");
    const { listHouseholds } = await import("../lib/households");
    const { householdOverview, listIncomeEntries } = await import("../lib/income");
    const { listWarnings, monitoringSummary } = await import("../lib/monitoring");
    const staffUser = await db.user.create({ data: { email: "bench-staff@rongshui.example", name: "bench", passwordHash: "x", role: "STAFF" } });
    const staff = { id: staffUser.id, email: staffUser.email, name: staffUser.name, role: "STAFF" as const, stationId: null, locale: "zh-CN" };
    const viewer = { ...staff, role: "VIEWER" as const };
    // One household in the middle of the registry (the same position at every size).
    const [middle] = await db.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "Household" ORDER BY id OFFSET ${Math.floor(size / 2)} LIMIT 1`);
    const cells: [string, () => Promise<unknown>][] = [
      ["dashboard", () => dashboard(viewer, { from: "2020-01-01", to: "2020-12-31", year: "2020" })],
      ["registry", () => listHouseholds(staff, {})],
      ["household", () => householdOverview(staff, middle.id)],
      ["ledger", () => listIncomeEntries(staff, {})],
      ["warnings", () => Promise.all([listWarnings(viewer, { year: "2025" }), monitoringSummary(viewer, { year: "2025" })])],
    ];
    const ms: Record<string, number> = {};
    for (const [name, fn] of cells) {
      ms[name] = Math.round((await median(fn)) * 10) / 10;
      console.log(`  ${name.padEnd(10)} median ${ms[name].toFixed(1).padStart(8)} ms`);
    }
    return { households: counts.households, entries: counts.entries, ms };
  } finally {
    await database.close();
    delete (globalThis as { rongshuiDb?: unknown }).rongshuiDb;
  }
}

async function main() {
  const rows: Row[] = [];
  for (const size of SIZES) rows.push(await measure(size));
  const first = rows[0];
  const names = Object.keys(first.ms);
  console.log(`\n${"households".padStart(10)} ${"entries".padStart(11)} ${"data ×".padStart(7)}  ${names.map((n) => `${n} ms (×)`.padStart(20)).join("")}`);
  for (const r of rows) {
    const grow = r.households / first.households;
    console.log(`${r.households.toLocaleString("en").padStart(10)} ${r.entries.toLocaleString("en").padStart(11)} ${grow.toFixed(1).padStart(7)}  ${names.map((n) => `${r.ms[n].toFixed(1)} (${(r.ms[n] / first.ms[n]).toFixed(2)})`.padStart(20)).join("")}`);
  }
  // A verdict per cell: "flat or logarithmic" if time grows at most like log(size) plus noise, "linear" if like the data.
  const last = rows[rows.length - 1];
  const dataGrowth = last.households / first.households;
  console.log(`\ngrowth from ${first.households.toLocaleString("en")} to ${last.households.toLocaleString("en")} households (×${dataGrowth.toFixed(1)}):`);
  for (const n of names) {
    const g = last.ms[n] / first.ms[n];
    const verdict = g <= 1 + Math.log(dataGrowth) ? "flat or logarithmic" : g < dataGrowth * 0.5 ? "sub-linear" : "LINEAR";
    console.log(`  ${n.padEnd(10)} ×${g.toFixed(2)}  ${verdict}`);
  }
  mkdirSync(path.join(root, "bench", "out"), { recursive: true });
  writeFileSync(path.join(root, "bench", "out", "scale.json"), JSON.stringify({ at: new Date().toISOString(), per: PER, runs: RUNS, rows }, null, 2));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
