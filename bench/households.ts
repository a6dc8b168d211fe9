// npm run bench:households [-- --fresh] — server time of the households/income lib functions at county scale
// (30,000 households, 1,000,000 ledger entries), and a 30,000-row household import, end to end in the server
// (parse, validate every row, write in one transaction). Targets (issue 3): registry first page with a filter and a
// household page < 100 ms; the import < 15 s.
//
// Database: PGlite under data/bench/pglite (built once, about a minute, then reused; --fresh rebuilds it), or the
// PostgreSQL server in DATABASE_URL. Results are printed and written to bench/out/households.json.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.resolve(import.meta.dirname, "..");
const fresh = process.argv.includes("--fresh");
const pgUrl = process.env.DATABASE_URL && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : null;
if (!pgUrl) process.env.PGLITE_DIR ??= path.join(root, "data", "bench", "pglite");

type Stat = { name: string; runs: number; medianMs: number; p95Ms: number; minMs: number; maxMs: number; target?: string };
const results: Stat[] = [];

async function measure(name: string, runs: number, fn: (i: number) => Promise<unknown>, target?: string) {
  await fn(0);
  await fn(1); // warm-up: first queries plan and fill caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i + 2);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const stat = {
    name, runs, target,
    medianMs: round(times[Math.floor(times.length / 2)]), p95Ms: round(times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]),
    minMs: round(times[0]), maxMs: round(times[times.length - 1]),
  };
  results.push(stat);
  console.log(`${name.padEnd(62)} median ${String(stat.medianMs).padStart(8)} ms   p95 ${String(stat.p95Ms).padStart(8)} ms${target ? `   (target ${target})` : ""}`);
}
const round = (ms: number) => Math.round(ms * 10) / 10;

async function prepareDatabase() {
  const { migrationSql } = await import("../tests/migrations");
  if (pgUrl) {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    const exists = (await client.query(`SELECT to_regclass('"Household"') AS t`)).rows[0].t;
    if (fresh && exists) throw new Error("--fresh on PostgreSQL: drop the database yourself first (this script never drops a server database)");
    if (!exists) for (const sql of migrationSql()) await client.query(sql);
    await client.end();
    return;
  }
  const dir = process.env.PGLITE_DIR!;
  // A data set built under an older migration history is rebuilt (the stamp lists the migrations it was built with).
  const stamp = path.join(path.dirname(dir), "migrations.txt");
  const migrations = readdirSync(path.join(root, "prisma", "migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort().join("\n");
  if (fresh || (existsSync(dir) && (!existsSync(stamp) || readFileSync(stamp, "utf8") !== migrations))) rmSync(dir, { recursive: true, force: true });
  if (existsSync(dir)) return;
  mkdirSync(path.dirname(dir), { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = new PGlite(dir);
  for (const sql of migrationSql()) await pglite.exec(sql);
  await pglite.close();
  writeFileSync(stamp, migrations);
}

async function main() {
  await prepareDatabase();
  const { db } = await import("../lib/db");
  const { createBenchDataset, DEFAULTS } = await import("./dataset");
  const households = await import("../lib/households");
  const income = await import("../lib/income");
  const { importHouseholds } = await import("../lib/import/households");
  console.log(`database: ${pgUrl ? "PostgreSQL" : `PGlite ${process.env.PGLITE_DIR}`}`);

  if ((await db.household.count()) === 0) {
    const t0 = performance.now();
    const counts = await createBenchDataset(db);
    console.log(`data set loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s:`, counts);
  }
  const [hCount, eCount] = await Promise.all([db.household.count(), db.incomeEntry.count()]);
  console.log(`households ${hCount}, ledger entries ${eCount}`);
  if (hCount < DEFAULTS.households || eCount < DEFAULTS.entries) console.warn("warning: fewer rows than the targets assume");

  const user = async (email: string, role: "STAFF" | "OPERATOR", stationId: number | null) => {
    const u = await db.user.upsert({ where: { email }, update: {}, create: { email, name: email, passwordHash: "x", role, stationId } });
    return { id: u.id, email: u.email, name: u.name, role: u.role, stationId: u.stationId, locale: u.locale };
  };
  const staff = await user("bench-staff@rongshui.example", "STAFF", null);
  const opStation = (await db.station.findFirstOrThrow({ where: { households: { some: {} } }, orderBy: { id: "desc" }, select: { id: true } })).id;
  const operator = await user("bench-operator@rongshui.example", "OPERATOR", opStation);
  const township = (await db.township.findFirstOrThrow({ orderBy: { id: "asc" }, skip: 2 })).id;
  const sampleIds = (await db.household.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((h) => h.id).filter((_, i) => i % 1500 === 7);
  const opIds = (await db.household.findMany({ where: { stationId: opStation }, select: { id: true }, take: 20 })).map((h) => h.id);

  console.log("\nregistry, first page (listHouseholds):");
  await measure("status=POOR & township (staff)", 20, () => households.listHouseholds(staff, { status: "POOR", townshipId: township }), "< 100 ms");
  await measure("exitYear=2019, sorted by village (staff)", 20, () => households.listHouseholds(staff, { exitYear: 2019, sort: "village" }), "< 100 ms");
  await measure("search head's name '基准户主0123' (staff)", 20, () => households.listHouseholds(staff, { q: "基准户主0123" }), "< 100 ms");
  await measure("cause=NO_SKILLS (staff)", 20, () => households.listHouseholds(staff, { cause: "NO_SKILLS" }), "< 100 ms");
  await measure("no filter, 100 per page (staff)", 20, () => households.listHouseholds(staff, { pageSize: 100 }), "< 100 ms");
  await measure("status=EXITED (operator: own station only)", 20, () => households.listHouseholds(operator, { status: "EXITED" }), "< 100 ms");

  console.log("\nhousehold page (householdOverview: profile, years with lines and assessments, newest 100 entries and totals):");
  const householdPage = (viewer: typeof staff, id: number) => income.householdOverview(viewer, id, 100);
  await measure("household page, 20 households across the county (staff)", 20, (i) => householdPage(staff, sampleIds[i % sampleIds.length]), "< 100 ms");
  await measure("household page (operator, own station)", 20, (i) => householdPage(operator, opIds[i % opIds.length]), "< 100 ms");
  await measure("assessment for one year (API)", 20, (i) => households.assessHousehold(staff, sampleIds[i % sampleIds.length], { year: 2020 }));

  console.log("\nledger list (listIncomeEntries: one page, with count and net total):");
  await measure("one household's ledger", 10, (i) => income.listIncomeEntries(staff, { householdId: sampleIds[i % sampleIds.length] }));
  await measure("county ledger, one month, source filter", 5, () => income.listIncomeEntries(staff, { from: "2020-06-01", to: "2020-06-30", source: "MIGRANT_WORK" }));
  await measure("county ledger as it opens (no filter; totals from the summary)", 20, () => income.listIncomeEntries(staff, {}), "≤ 2× registry, no filter");
  await measure("county ledger, page 100 (offset 4,950)", 10, () => income.listIncomeEntries(staff, { page: 100 }));
  await measure("county ledger, page 2,000 (offset 99,950)", 5, () => income.listIncomeEntries(staff, { page: 2000 }));
  await measure("station ledger as it opens (operator)", 20, () => income.listIncomeEntries(operator, {}));
  const median = (name: string) => results.find((r) => r.name.startsWith(name))!.medianMs;
  console.log(`  ratio county ledger as it opens ÷ registry no filter: ${(median("county ledger as it opens") / median("no filter, 100 per page")).toFixed(2)} (target ≤ 2)`);

  console.log("\n30,000-row household import (CSV, UTF-8):");
  const villages = await db.village.findMany({ select: { code: true }, orderBy: { id: "asc" } });
  const stations = await db.station.findMany({ select: { code: true }, orderBy: { id: "asc" } });
  const tag = `BI${Date.now().toString(36).toUpperCase()}`;
  const lines = ["户编号,户主姓名,村,服务站编号,家庭人口,贫困户属性,致贫原因,识别年度,状态,脱贫年度,身份证号,联系电话,不愁吃、不愁穿,义务教育有保障,基本医疗有保障,住房安全有保障,饮水安全有保障"];
  for (let i = 1; i <= 30_000; i++) {
    const exited = i % 5 !== 0;
    lines.push([
      `${tag}-${String(i).padStart(5, "0")}`, `导入户主${i}`, villages[i % villages.length].code, stations[i % stations.length].code, 1 + (i % 7),
      i % 4 === 0 ? "低保贫困户" : "一般贫困户", i % 2 ? "因病、缺技术" : "缺资金", 2014 + (i % 2), exited ? "已脱贫" : "未脱贫", exited ? 2019 : "",
      `450225${1950 + (i % 50)}0101${String(i % 10000).padStart(4, "0")}`, `138${String(i).padStart(8, "0")}`, "是", "是", "是", i % 9 ? "是" : "否", "是",
    ].join(","));
  }
  const bytes = new TextEncoder().encode(lines.join("\r\n"));
  console.log(`file: ${lines.length - 1} rows, ${(bytes.byteLength / 1024 / 1024).toFixed(2)} MB`);
  const t0 = performance.now();
  const check = await importHouseholds(staff, bytes, { commit: false });
  const t1 = performance.now();
  const done = await importHouseholds(staff, bytes, { commit: true });
  const t2 = performance.now();
  if (check.errors.length || !done.committed || done.toCreate !== 30_000) throw new Error(`import did not go through: ${JSON.stringify({ ...done, errors: done.errors.slice(0, 3) })}`);
  const again = await importHouseholds(staff, bytes, { commit: true });
  const t3 = performance.now();
  const imp = { checkMs: round(t1 - t0), commitMs: round(t2 - t1), checkPlusCommitMs: round(t2 - t0), reimportMs: round(t3 - t2), reimportUnchanged: again.unchanged };
  console.log(`check (validate only) ${imp.checkMs} ms; import (validate again + write 30,000 households and their history) ${imp.commitMs} ms;`);
  console.log(`both steps as the page runs them: ${(imp.checkPlusCommitMs / 1000).toFixed(1)} s (target < 15 s); same file again: ${imp.reimportMs} ms, ${again.unchanged} unchanged, nothing written`);

  // Leave the data set as it was for the next run: remove the households this run imported (bench data only).
  await db.$executeRawUnsafe(`DELETE FROM "HouseholdStatusChange" WHERE "householdId" IN (SELECT id FROM "Household" WHERE code LIKE '${tag}-%')`);
  await db.$executeRawUnsafe(`DELETE FROM "Household" WHERE code LIKE '${tag}-%'`);

  mkdirSync(path.join(root, "bench", "out"), { recursive: true });
  writeFileSync(path.join(root, "bench", "out", "households.json"), JSON.stringify({ at: new Date().toISOString(), database: pgUrl ? "postgresql" : "pglite", households: hCount, entries: eCount, results, import: imp }, null, 2));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
