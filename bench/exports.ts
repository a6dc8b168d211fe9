// npm run bench:exports -- [households-xlsx|households-csv|income-csv|income-xlsx]
// Wall time, bytes and peak RSS of the streamed exports (lib/import/export.ts) of the whole demo county, read to the
// end as the route would send them. Database: the embedded demo under PGLITE_DIR (default data/pglite; seed it with
// `npm run db:seed`). One export per process, so each peak RSS is that export's own: run it once per export.
import Module from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.resolve(import.meta.dirname, "..");
process.env.PGLITE_DIR ??= path.join(root, "data", "pglite");
process.env.DATABASE_URL = "";

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

async function main() {
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
