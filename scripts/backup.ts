// `npm run backup [-- --out FILE|DIR]`: a consistent, timestamped copy of the database (lib/backup.ts says how).
// Default: backups/rongshui-YYYYMMDD-HHmm.tar.gz (embedded PGlite) or .dump (PostgreSQL, DATABASE_URL), county time,
// with a manifest beside it (<file>.json). Embedded: stop `npm start` first; the backup refuses while it runs.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { backupDatabase, defaultBackupPath } from "../lib/backup";
import { dbTarget } from "../lib/db-config";
import { runCli } from "./cli";

async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const target = dbTarget();
  const out = values.out
    ? values.out.endsWith("/") || (existsSync(values.out) && statSync(values.out).isDirectory())
      ? defaultBackupPath(target.kind, values.out)
      : values.out
    : defaultBackupPath(target.kind);
  console.log(`▶ backing up ${target.kind === "pglite" ? `the embedded database ${path.resolve(target.dataDir)}` : `PostgreSQL${target.schema ? ` schema ${target.schema}` : ""}`} …`);
  const m = await backupDatabase(target, out);
  const rows = Object.entries(m.counts).filter(([t]) => t !== "_prisma_migrations").reduce((a, [, n]) => a + n, 0);
  console.log(`✔ ${path.relative(process.cwd(), out) || out}  ${(m.bytes / 1024 / 1024).toFixed(1)} MB, ${Object.keys(m.counts).length} tables, ${rows.toLocaleString("en")} rows, ${m.seconds} s`);
  console.log(`  manifest: ${path.relative(process.cwd(), `${out}.json`)} (row counts, SHA-256); restore with: npm run restore -- ${path.relative(process.cwd(), out)}`);
}

runCli(main);
