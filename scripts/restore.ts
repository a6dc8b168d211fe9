// `npm run restore -- FILE [--force]`: restores a backup from `npm run backup` into an EMPTY database, then
// verifies it (row counts against the manifest, summary drift 0). Embedded: into PGLITE_DIR (default ./data/pglite);
// PostgreSQL: into DATABASE_URL. A target that already has data is refused unless --force, which never deletes it:
// the old PGlite folder is kept beside it, and a PostgreSQL target is dumped to backups/pre-restore-… first.
import { parseArgs } from "node:util";
import { restoreDatabase } from "../lib/backup";
import { dbTarget } from "../lib/db-config";
import { runCli } from "./cli";

async function main() {
  const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
  if (positionals.length !== 1) {
    console.error("usage: npm run restore -- FILE [--force]");
    process.exit(2);
  }
  const r = await restoreDatabase(dbTarget(), positionals[0], { force: values.force });
  const rows = Object.entries(r.report.counts).filter(([t]) => t !== "_prisma_migrations").reduce((a, [, n]) => a + n, 0);
  console.log(`✔ restored into ${r.target} in ${r.seconds.toFixed(1)} s: ${Object.keys(r.report.counts).length} tables, ${rows.toLocaleString("en")} rows`);
  if (r.keptPrevious) console.log(`  the previous database was kept: ${r.keptPrevious}`);
  console.log(r.manifest ? `  row counts equal the manifest's: ${r.report.mismatches.length === 0 ? "yes" : `NO ${JSON.stringify(r.report.mismatches)}`}` : "  no manifest beside the file: row counts not compared");
  const drift = Object.values(r.report.drift).reduce((a, n) => a + n, 0);
  console.log(`  summary drift (summaries vs a full recompute): ${drift}`);
  console.log(`  latest migration in the backup: ${r.report.migrations.at(-1) ?? "none"} (npm start / npm run db:migrate applies newer ones)`);
  if (!r.report.ok) process.exit(1);
}

runCli(main);
