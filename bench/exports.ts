// npm run bench:exports -- [households-xlsx|households-csv|income-csv|income-xlsx]
// Wall time, bytes and peak RSS of the streamed exports (lib/import/export.ts) of the whole demo county, read to the
// end as the route would send them. Database: the embedded demo under PGLITE_DIR (default data/pglite; seed it with
// `npm run db:seed`). One export per process, so each peak RSS is that export's own: run it once per export.
//
// npm run bench:exports -- income-csv --entries 100000,1000000   (needs DATABASE_URL: a PostgreSQL server)
// Memory against size: for each ledger size, a throwaway schema with 30,000 households and that many entries
// (bench/dataset.ts), then the export in a child process of its own, so its peak RSS is the export's alone (on
// PostgreSQL the database's memory is another process's; embedded PGlite would count its own cache in ours).
import Module from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.resolve(import.meta.dirname, "..");
const argValue = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SIZES = argValue("entries")?.split(",").map(Number);
const SCALE_PARENT = SIZES !== undefined;
const CHILD_DATABASE_URL = process.env.EXPORT_DATABASE_URL;
if (!SCALE_PARENT) {
  process.env.PGLITE_DIR ??= path.join(root, "data", "pglite");
  process.env.DATABASE_URL = CHILD_DATABASE_URL ?? "";
}

// lib/ marks server modules with "server-only", which throws outside the react-server condition; and under that
// condition next-intl's client half (pulled in by lib/i18n) cannot load. Run without it and resolve "server-only" to
// the tests' stub, as vitest does.
const resolve = (Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string })._resolveFilename;
(Module as unknown as { _resolveFilename: typeof resolve })._resolveFilename = (request, ...rest) =>
  resolve(request === "server-only" ? path.join(root, "tests", "server-only-stub.ts") : request, ...rest);

const which = process.argv[2] ?? "households-xlsx";
const [kind, format] = which.split("-") as ["households" | "income", "csv" | "xlsx"];

let peak = 0;
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
const timer = setInterval(sample, 50);

/** --entries: for each size a throwaway PostgreSQL schema with that ledger, and the export in a child process. */
async function scale(sizes: number[]) {
  if (!process.env.DATABASE_URL || !/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL)) throw new Error("--entries needs DATABASE_URL (a PostgreSQL server)");
  clearInterval(timer);
  const { spawnSync } = await import("node:child_process");
  const { openThrowawayDatabase } = await import("../tests/throwaway-db");
  const { createBenchDataset } = await import("./dataset");
  const base = process.env.DATABASE_URL;
  const lines: unknown[] = [];
  for (const entries of sizes) {
    process.env.DATABASE_URL = base;
    const database = await openThrowawayDatabase("bench_export");
    try {
      const { db } = await import("../lib/db");
      const t0 = performance.now();
      await createBenchDataset(db as never, { households: 30_000, entries });
      await db.user.create({ data: { email: "staff@rongshui.example", name: "bench", passwordHash: "x", role: "STAFF" } });
      console.log(`${entries.toLocaleString("en")} entries loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${database.description})`);
      const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, which], {
        env: { ...process.env, EXPORT_DATABASE_URL: process.env.DATABASE_URL }, encoding: "utf8", maxBuffer: 1 << 24,
      });
      if (child.status !== 0) throw new Error(`export failed: ${child.stderr}`);
      const result = JSON.parse(child.stdout.trim().split("\n").pop()!);
      lines.push({ entries, ...result });
      console.log(JSON.stringify({ entries, ...result }));
    } finally {
      await database.close();
      delete (globalThis as { rongshuiDb?: unknown }).rongshuiDb;
    }
  }
  console.log("\nexport      entries     seconds (warm)   MB      peak RSS MB");
  for (const l of lines as { entries: number; export: string; runs: { seconds: number; megabytes: number }[]; peakRssMB: number }[]) {
    console.log(`${l.export.padEnd(12)}${l.entries.toLocaleString("en").padStart(10)}   ${String(l.runs[1].seconds).padStart(10)}   ${String(l.runs[1].megabytes).padStart(8)}   ${String(l.peakRssMB).padStart(8)}`);
  }
  process.exit(0);
}

async function main() {
  if (SCALE_PARENT) return scale(SIZES!);
  const { db } = await import("../lib/db");
  const { exportHouseholds, exportIncome } = await import("../lib/import/export");
  const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@rongshui.example" } });
  const viewer = { id: staff.id, email: staff.email, name: staff.name, role: staff.role, stationId: staff.stationId, locale: "zh-CN" };
  await db.household.count(); // the database is open and warm before the clock starts
  sample();
  const rssBefore = process.memoryUsage().rss;
  const mb = (n: number) => Math.round(n / 1024 / 102.4) / 10;
  const results: { run: string; seconds: number; firstByteMs: number; megabytes: number; file: string }[] = [];

  // Twice: the first run reads the tables from disk into PGlite's cache (cold, as after a restart); the second is
  // what every later export costs on a running server (warm).
  for (const run of ["cold", "warm"]) {
    const t0 = performance.now();
    const file = kind === "households" ? await exportHouseholds(viewer, { format }, "zh-CN") : await exportIncome(viewer, { format }, "zh-CN");
    let bytes = 0;
    let firstByteMs = 0;
    const reader = (file.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (bytes === 0) firstByteMs = performance.now() - t0;
      bytes += value.byteLength;
    }
    const seconds = (performance.now() - t0) / 1000;
    sample();
    results.push({ run, seconds: Math.round(seconds * 10) / 10, firstByteMs: Math.round(firstByteMs), megabytes: mb(bytes), file: file.filename });
  }
  clearInterval(timer);
  console.log(JSON.stringify({ export: which, runs: results, rssBeforeMB: mb(rssBefore), peakRssMB: mb(peak) }));
  await db.$disconnect();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
