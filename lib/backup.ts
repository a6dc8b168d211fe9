// Backup and restore of the whole database (npm run backup / npm run restore; scripts/backup.ts, scripts/restore.ts).
//
// - Embedded PGlite: a gzipped tarball of the data folder made by PGlite itself (dumpDataDir) after a CHECKPOINT,
//   while this process holds the folder's lock. The web server owns the folder while it runs, so a backup refuses
//   then (DataDirInUseError) rather than open it a second time, which would corrupt it: stop `npm start`, back up,
//   start again (a couple of seconds for the demo). Restore unpacks the tarball into a new folder beside the target,
//   verifies it, and only then moves it into place.
// - PostgreSQL: `pg_dump --format=custom` (of the URL's ?schema= when set, else the whole database) inside an
//   exported snapshot, so the manifest's row counts are those of the dump even while the app keeps writing.
//   Restore is `pg_restore --single-transaction`: it goes in whole or not at all.
//
// Every backup gets a manifest beside it (<file>.json: row counts per table, migrations, size, SHA-256); restore
// checks the file against it before touching anything and the restored database against it afterwards, plus
// summary drift (the summary tables equal a full recompute).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "./generated/prisma/client";
import type { DbTarget } from "./db-config";
import { COUNTY_TIME_ZONE } from "./format";
import { hasDatabase, lockDataDir, openPgliteDir } from "./pglite-dir";
import { summaryDrift } from "./progress/summaries";

export type BackupFormat = "pglite-datadir" | "pg_dump-custom";

export interface BackupManifest {
  app: "rongshui-service-center";
  format: BackupFormat;
  /** When the copy was taken, in county time (Asia/Shanghai) and as an instant. */
  countyTime: string;
  createdAt: string;
  /** The PostgreSQL schema dumped (pg_dump -n), or null for the whole database / a PGlite folder. */
  schema: string | null;
  counts: Record<string, number>;
  migrations: string[];
  file: string;
  bytes: number;
  sha256: string;
  seconds: number;
}

export interface VerifyReport {
  counts: Record<string, number>;
  drift: Record<string, number>;
  /** Tables whose count differs from the manifest's: [table, expected, actual]. */
  mismatches: Array<[string, number, number]>;
  migrations: string[];
  ok: boolean;
}

/** A refusal the user can act on (the scripts print the message and exit 2). */
export class BackupRefused extends Error {}

type Queryable = { query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> };

const county = (now: Date) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: COUNTY_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { stamp: `${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}`, iso: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}+08:00` };
};

/** backups/rongshui-YYYYMMDD-HHmm.tar.gz (PGlite) or .dump (PostgreSQL), county time; -2, -3… if taken. */
export function defaultBackupPath(kind: DbTarget["kind"], dir = path.join(process.cwd(), "backups"), now = new Date(), prefix = "rongshui"): string {
  const ext = kind === "pglite" ? ".tar.gz" : ".dump";
  const base = path.join(dir, `${prefix}-${county(now).stamp}`);
  for (let n = 1; ; n++) {
    const candidate = `${base}${n === 1 ? "" : `-${n}`}${ext}`;
    if (!existsSync(candidate)) return candidate;
  }
}

/** Row count of every table in the current schema (the app's tables, the summaries and _prisma_migrations). */
export async function tableCounts(q: Queryable): Promise<Record<string, number>> {
  const { rows: tables } = await q.query<{ name: string }>(
    `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  if (tables.length === 0) return {};
  const { rows } = await q.query<Record<string, number>>(
    `SELECT ${tables.map((t, i) => `(SELECT count(*) FROM "${t.name.replaceAll('"', '""')}")::int AS c${i}`).join(", ")}`,
  );
  return Object.fromEntries(tables.map((t, i) => [t.name, Number(rows[0][`c${i}`])]));
}

async function appliedMigrations(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'`);
  if (rows[0].n === 0) return [];
  const { rows: names } = await q.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return names.map((r) => r.migration_name);
}

const hasRows = (counts: Record<string, number>) => Object.entries(counts).some(([t, n]) => t !== "_prisma_migrations" && n > 0);

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const manifestPath = (file: string) => `${file}.json`;

export function readManifest(file: string): BackupManifest | null {
  const p = manifestPath(file);
  return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as BackupManifest) : null;
}

function pgliteQueryable(pglite: PGlite): Queryable {
  return { query: async (sql, params) => ({ rows: (await pglite.query(sql, params as unknown[])).rows as never[] }) };
}

/** Counts, summary drift and migrations of a database, compared with a manifest when there is one. */
async function verify(q: Queryable, prisma: PrismaClient, manifest: BackupManifest | null): Promise<VerifyReport> {
  const counts = await tableCounts(q);
  const drift = await summaryDrift(prisma);
  const migrations = await appliedMigrations(q);
  const mismatches: VerifyReport["mismatches"] = [];
  if (manifest) {
    for (const table of new Set([...Object.keys(manifest.counts), ...Object.keys(counts)])) {
      if ((manifest.counts[table] ?? -1) !== (counts[table] ?? -1)) mismatches.push([table, manifest.counts[table] ?? -1, counts[table] ?? -1]);
    }
  }
  const ok = mismatches.length === 0 && Object.values(drift).every((n) => n === 0);
  return { counts, drift, mismatches, migrations, ok };
}

function finishManifest(file: string, partial: Omit<BackupManifest, "app" | "file" | "bytes" | "sha256" | "seconds">, started: number, digest: string): BackupManifest {
  const manifest: BackupManifest = {
    app: "rongshui-service-center",
    ...partial,
    file: path.basename(file),
    bytes: statSync(file).size,
    sha256: digest,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  writeFileSync(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

// ---------------------------------------------------------------------------------------------------------- backup

export async function backupDatabase(target: DbTarget, outFile: string): Promise<BackupManifest> {
  mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  if (existsSync(outFile)) throw new BackupRefused(`${outFile} already exists: choose another --out.`);
  return target.kind === "pglite" ? backupPglite(target.dataDir, outFile) : backupPostgres(target, outFile);
}

async function backupPglite(dataDir: string, outFile: string): Promise<BackupManifest> {
  if (dataDir.startsWith("memory://")) throw new BackupRefused("An in-memory database cannot be backed up from another process.");
  if (!hasDatabase(dataDir)) throw new BackupRefused(`There is no embedded database in ${path.resolve(dataDir)} (set PGLITE_DIR, or DATABASE_URL for PostgreSQL).`);
  const started = performance.now();
  const pglite = openPgliteDir(dataDir); // throws DataDirInUseError while the web server has it
  try {
    await pglite.waitReady;
    return await dumpPglite(pglite, outFile, started);
  } finally {
    await pglite.close();
  }
}

/** Writes the backup of an open PGlite database that this process alone uses (tests call it directly). */
export async function dumpPglite(pglite: PGlite, outFile: string, started = performance.now()): Promise<BackupManifest> {
  const now = new Date();
  const q = pgliteQueryable(pglite);
  // Writes every dirty buffer to the data files, so the copy needs no WAL replay; nothing else writes meanwhile.
  await pglite.exec("CHECKPOINT");
  const counts = await tableCounts(q);
  const migrations = await appliedMigrations(q);
  const tarball = Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer());
  const partial = `${outFile}.partial`;
  writeFileSync(partial, tarball, { flush: true });
  renameSync(partial, outFile);
  const digest = createHash("sha256").update(tarball).digest("hex");
  return finishManifest(outFile, { format: "pglite-datadir", countyTime: county(now).iso, createdAt: now.toISOString(), schema: null, counts, migrations }, started, digest);
}

/** A libpq connection string for the pg_* tools: the URL without Prisma's ?schema= parameter. */
function libpqUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.delete("schema");
  u.searchParams.delete("options");
  return u.toString();
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new BackupRefused(`${cmd} could not be started (${r.error.message}); install the PostgreSQL client tools of the server's major version.`);
  if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status}):\n${(r.stderr || r.stdout).trim()}`);
}

async function backupPostgres(target: Extract<DbTarget, { kind: "postgresql" }>, outFile: string): Promise<BackupManifest> {
  const started = performance.now();
  const now = new Date();
  mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const url = libpqUrl(target.connectionString);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The counts and the dump read one snapshot: pg_dump --snapshot uses the one this transaction exports.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (target.schema) await client.query(`SET LOCAL search_path TO "${target.schema.replaceAll('"', '""')}"`);
    const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    const counts = await tableCounts(client);
    if (Object.keys(counts).length === 0) throw new BackupRefused(`There are no tables in ${target.schema ? `schema ${target.schema}` : "the database"}: nothing to back up.`);
    const migrations = await appliedMigrations(client);
    const partial = `${outFile}.partial`;
    run("pg_dump", ["--format=custom", `--snapshot=${rows[0].id}`, ...(target.schema ? ["--schema", target.schema] : []), "--file", partial, "--dbname", url]);
    await client.query("COMMIT");
    renameSync(partial, outFile);
    return finishManifest(outFile, { format: "pg_dump-custom", countyTime: county(now).iso, createdAt: now.toISOString(), schema: target.schema ?? null, counts, migrations }, started, await sha256(outFile));
  } finally {
    await client.end();
  }
}

// --------------------------------------------------------------------------------------------------------- restore

export interface RestoreResult {
  target: string;
  report: VerifyReport;
  manifest: BackupManifest | null;
  /** Where the replaced database went (PGlite: the old folder; PostgreSQL: a safety dump), when --force replaced one. */
  keptPrevious: string | null;
  seconds: number;
}

export async function restoreDatabase(target: DbTarget, file: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  if (!existsSync(file)) throw new BackupRefused(`${file} does not exist.`);
  const manifest = readManifest(file);
  if (manifest) {
    const digest = await sha256(file);
    if (digest !== manifest.sha256) throw new BackupRefused(`${file} does not match its manifest (SHA-256 differs): the file is damaged or incomplete.`);
  }
  const format: BackupFormat = manifest?.format ?? (readFileSync(file).subarray(0, 5).toString("latin1") === "PGDMP" ? "pg_dump-custom" : "pglite-datadir");
  if (target.kind === "pglite" && format !== "pglite-datadir") throw new BackupRefused(`${file} is a PostgreSQL dump; restore it with DATABASE_URL set to a PostgreSQL database.`);
  if (target.kind === "postgresql" && format !== "pg_dump-custom") throw new BackupRefused(`${file} is an embedded (PGlite) backup; restore it without DATABASE_URL (PGLITE_DIR picks the folder).`);
  return target.kind === "pglite" ? restorePglite(target.dataDir, file, manifest, opts) : restorePostgres(target, file, manifest, opts);
}

async function restorePglite(dataDir: string, file: string, manifest: BackupManifest | null, opts: { force?: boolean }): Promise<RestoreResult> {
  const started = performance.now();
  const dir = path.resolve(dataDir);
  const stamp = county(new Date()).stamp;
  // Hold the target's lock throughout: no server may open it while it is being replaced.
  const release = lockDataDir(dir);
  try {
    if (hasDatabase(dir)) {
      // Looking inside needs the lock we hold, so open it directly (this process is its only user).
      const { PGlite } = await import("@electric-sql/pglite");
      const { DurableNodeFS } = await import("./pglite-dir");
      const existing = new PGlite({ fs: new DurableNodeFS(dir) });
      const counts = await tableCounts(pgliteQueryable(existing)).finally(() => existing.close());
      if (hasRows(counts) && !opts.force) {
        const rows = Object.entries(counts).filter(([t]) => t !== "_prisma_migrations").reduce((a, [, n]) => a + n, 0);
        throw new BackupRefused(`${dir} already holds a database with data (${rows.toLocaleString("en")} rows). Restore into an empty folder (PGLITE_DIR=…), or pass --force to replace it: the current folder is then kept as ${path.basename(dir)}.before-restore-${stamp}, not deleted.`);
      }
    } else if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new BackupRefused(`${dir} exists and is not an embedded database; choose an empty or new folder.`);
    }
    // Unpack beside the target, verify, and only then swap it in: a failed restore leaves the target untouched.
    const staging = `${dir}.restoring-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    const { PGlite } = await import("@electric-sql/pglite");
    const { DurableNodeFS } = await import("./pglite-dir");
    const tarball = new File([readFileSync(file)], "backup.tar.gz", { type: "application/x-gzip" });
    const restored = new PGlite({ fs: new DurableNodeFS(staging), loadDataDir: tarball, relaxedDurability: false });
    let report: VerifyReport;
    try {
      await restored.waitReady;
      const prisma = new PrismaClient({ adapter: new PrismaPGlite(restored) });
      report = await verify(pgliteQueryable(restored), prisma, manifest);
      await prisma.$disconnect();
      await restored.exec("CHECKPOINT");
    } finally {
      await restored.close();
    }
    // PGlite unpacked the tarball without syncing; make the files durable before the folder takes the target's place.
    syncTree(staging);
    if (!report.ok) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`The restored copy failed verification (${JSON.stringify({ mismatches: report.mismatches, drift: report.drift })}); ${dir} was left as it was.`);
    }
    let keptPrevious: string | null = null;
    if (existsSync(dir)) {
      if (hasDatabase(dir)) {
        keptPrevious = `${dir}.before-restore-${stamp}`;
        for (let n = 2; existsSync(keptPrevious); n++) keptPrevious = `${dir}.before-restore-${stamp}-${n}`;
        renameSync(dir, keptPrevious);
      } else {
        rmSync(dir, { recursive: true });
      }
    }
    renameSync(staging, dir);
    syncTree(path.dirname(dir), false);
    return { target: dir, report, manifest, keptPrevious, seconds: (performance.now() - started) / 1000 };
  } finally {
    release();
  }
}

/** fsyncs every file under a folder and the folders themselves (what initdb does with its new data folder). */
function syncTree(dir: string, recursive = true): void {
  const sync = (p: string) => {
    try {
      const fd = openSync(p, "r");
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Windows cannot open a folder for syncing
    }
  };
  if (recursive) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) syncTree(p);
      else if (entry.isFile()) sync(p);
    }
  }
  sync(dir);
}

/** The schema a pg_dump archive holds (its one SCHEMA entry), or null for a whole-database dump. */
function dumpSchema(file: string, manifest: BackupManifest | null): string | null {
  if (manifest) return manifest.schema;
  const r = spawnSync("pg_restore", ["--list", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pg_restore --list failed: ${r.stderr}`);
  const m = /^\d+; \d+ \d+ SCHEMA - (\S+) /m.exec(r.stdout);
  return m ? m[1] : null;
}

async function restorePostgres(target: Extract<DbTarget, { kind: "postgresql" }>, file: string, manifest: BackupManifest | null, opts: { force?: boolean }): Promise<RestoreResult> {
  const started = performance.now();
  const url = libpqUrl(target.connectionString);
  const schema = dumpSchema(file, manifest);
  if (schema && target.schema && schema !== target.schema)
    throw new BackupRefused(`${file} holds schema "${schema}"; pg_restore cannot rename it, so restore it with ?schema=${schema} in DATABASE_URL (into another database if that schema is in use).`);
  if (!schema && target.schema && target.schema !== "public")
    throw new BackupRefused(`${file} is a whole-database dump; restore it into a database URL without ?schema=.`);
  const where = schema ?? "public";
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let keptPrevious: string | null = null;
  try {
    await client.query(`SET search_path TO "${where.replaceAll('"', '""')}"`);
    const counts = await tableCounts(client);
    const exists = Object.keys(counts).length > 0;
    if (hasRows(counts)) {
      if (!opts.force)
        throw new BackupRefused(`The target (${schema ? `schema ${schema}` : "database"} ${new URL(url).pathname.slice(1)}) already has data. Restore into an empty database, or pass --force to replace it: a safety dump of the current contents is written first.`);
      keptPrevious = defaultBackupPath("postgresql", path.join(process.cwd(), "backups"), new Date(), "pre-restore-rongshui");
      await backupPostgres({ ...target, schema: schema ?? undefined }, keptPrevious);
    }
    // Tables already there (a migrated, empty database, or --force): --clean drops what the dump recreates, in the
    // same single transaction as the restore.
    run("pg_restore", ["--single-transaction", "--exit-on-error", "--no-owner", "--no-acl", ...(exists ? ["--clean", "--if-exists"] : []), "--dbname", url, file]);
  } finally {
    await client.end();
  }
  const adapterUrl = new URL(url);
  if (schema) adapterUrl.searchParams.set("options", `-c search_path=${schema}`);
  const check = new pg.Client({ connectionString: adapterUrl.toString() });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: adapterUrl.toString(), max: 2 }, schema ? { schema } : undefined) });
  await check.connect();
  try {
    const report = await verify(check, prisma, manifest);
    return { target: `${adapterUrl.host}${adapterUrl.pathname}${schema ? ` schema ${schema}` : ""}`, report, manifest, keptPrevious, seconds: (performance.now() - started) / 1000 };
  } finally {
    await check.end();
    await prisma.$disconnect();
  }
}
