// Writes the generated demo data in one transaction with set-based inserts, and creates the demo accounts.
import { hash } from "@node-rs/argon2";
import { Prisma, type PrismaClient } from "../../lib/generated/prisma/client";
import { generateDemoData, type DemoData } from "./generate";
import { rebuildSummaries } from "../../lib/progress/summaries";
import { rebuildWarnings } from "../../lib/monitoring/warnings";
import { MONITORING_LINES } from "./reference";

/** Tables in foreign-key order, with the DemoData key that holds their rows. */
export const SEED_TABLES: ReadonlyArray<readonly [keyof DemoData, string]> = [
  ["county", "County"],
  ["townships", "Township"],
  ["villages", "Village"],
  ["stations", "Station"],
  ["stationVillages", "StationVillage"],
  ["households", "Household"],
  ["householdStatusChanges", "HouseholdStatusChange"],
  ["products", "Product"],
  ["productListings", "ProductListing"],
  ["productSuppliers", "ProductSupplier"],
  ["sales", "Sale"],
  ["saleSuppliers", "SaleSupplier"],
  ["incomeEntries", "IncomeEntry"],
  ["trainingSessions", "TrainingSession"],
  ["trainingAttendees", "TrainingAttendee"],
  ["povertyLines", "PovertyLine"],
  ["exitThresholds", "ExitThreshold"],
  ["hardships", "Hardship"],
  ["monitoringCases", "MonitoringCase"],
  ["monitoringCaseSteps", "MonitoringCaseStep"],
  ["monitoringMeasures", "MonitoringMeasure"],
];
/** Tables whose serial id we set explicitly, so their sequences must be moved past the seeded ids. */
const SERIAL_TABLES = [
  "County", "Township", "Village", "Station", "Household", "HouseholdStatusChange", "Product", "ProductListing", "Sale",
  "IncomeEntry", "TrainingSession", "Hardship", "MonitoringCase", "MonitoringCaseStep", "MonitoringMeasure",
];
/** Tables with an @updatedAt column: Prisma fills it client-side, so the database has no default for it. */
const STAMPED = new Set(["Station", "Household", "Product", "PovertyLine", "ExitThreshold", "MonitoringCase"]);
const CHUNK_ROWS = 5000;

export const DEMO_PASSWORD = "rongshui-demo";

export type SeedCounts = Record<keyof DemoData, number>;

/**
 * Loads the demo data set into an empty database (throws if it already has a county). The seed picks the data set;
 * the default is the one the tests and the demo use.
 */
export async function seedDemo(db: PrismaClient, opts: { seed?: number; onStep?: (step: string, seconds: number, cpuSeconds: number) => void } = {}): Promise<SeedCounts> {
  let at = performance.now();
  let cpu = process.cpuUsage();
  const step = (name: string) => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    opts.onStep?.(name, (now - at) / 1000, (used.user + used.system) / 1e6);
    at = now;
    cpu = process.cpuUsage();
  };
  // Checked before the (slow) generation; a concurrent second load would still fail on County.code's unique index.
  if ((await db.county.count()) > 0) throw new Error("seedDemo: the database already has a county; demo data only goes into an empty database");
  // The 2021–2025 incomes and cases are drawn against the monitoring lines the migration puts in: check they are those.
  const lines = await db.monitoringLine.findMany({ orderBy: { year: "asc" } });
  const differs = MONITORING_LINES.filter((l) => lines.find((x) => x.year === l.year)?.fenPerPerson !== l.yuan * 100);
  if (differs.length > 0) throw new Error(`seedDemo: the monitoring lines of ${differs.map((l) => l.year).join(", ")} are not the migration's; demo data only goes into a freshly migrated database`);
  const data = generateDemoData(opts.seed);
  step("generate");
  await db.$transaction(
    async (tx) => {
      await withConstraintsDeferred(tx, SEED_TABLES.map(([, table]) => table), async () => {
        for (const [key, table] of SEED_TABLES) await insertRows(tx, table, data[key]);
        step("insert");
      });
      step("indexes and foreign keys");
      for (const table of SERIAL_TABLES) {
        await tx.$queryRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), max(id)) FROM "${table}"`);
      }
      // The ledger and the sales went in directly, not through appendLedgerEntries: recompute the dashboards' summaries,
      // and the warnings summary (the rules of every monitoring year, as of today).
      await rebuildSummaries(tx);
      step("progress summaries");
      await rebuildWarnings(tx);
      step("warnings summary");
      // One audit row for the whole load instead of one per seeded row: it records that (and when) demo data went in.
      await tx.auditLog.create({
        data: { actor: "system", action: "seed", entity: "County", entityId: String(data.county[0].id), after: counts(data) },
      });
    },
    { maxWait: 60_000, timeout: 10 * 60_000 },
  );
  step("commit");
  return counts(data);
}

/**
 * PostgreSQL's own advice for bulk loads ("Populating a Database"): drop foreign keys and secondary indexes, load,
 * then recreate them. Re-adding a foreign key checks every row in one join instead of one lookup per row, and indexes
 * are built once instead of grown row by row; on PGlite this roughly halves the load. The definitions are read back
 * from the catalog, so exactly what the migrations made is recreated, and it all runs inside the seeding
 * transaction: a failure rolls the drops back too. Primary keys stay. A database user that does not own the tables
 * (a locked-down server) cannot alter them, so it simply loads with everything in place.
 */
async function withConstraintsDeferred(tx: Prisma.TransactionClient, tables: string[], load: () => Promise<void>): Promise<void> {
  const [{ owner }] = await tx.$queryRaw<{ owner: boolean }[]>`
    SELECT coalesce(bool_and(pg_has_role(t.relowner, 'USAGE')), false) AS owner FROM pg_class t
    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN (${Prisma.join(tables)})`;
  if (!owner) return load();
  // ::text because the 6.19 PostgreSQL adapter cannot read the "name" type.
  const foreignKeys = await tx.$queryRaw<{ table: string; name: string; definition: string }[]>`
    SELECT c.conrelid::regclass::text AS "table", c.conname::text AS name, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname IN (${Prisma.join(tables)})`;
  const indexes = await tx.$queryRaw<{ name: string; definition: string }[]>`
    SELECT i.indexname::text AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (${Prisma.join(tables)})
      AND NOT EXISTS (
        SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = current_schema()::regnamespace)`;
  for (const fk of foreignKeys) await tx.$executeRawUnsafe(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  for (const index of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${index.name}"`);
  await load();
  for (const index of indexes) await tx.$executeRawUnsafe(index.definition);
  for (const fk of foreignKeys) await tx.$executeRawUnsafe(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition}`);
}

/**
 * Multi-row INSERT … SELECT from json_populate_recordset: each chunk travels as one JSON parameter instead of one
 * bind parameter per value (PostgreSQL caps those at 65,535 per statement), and the table's own row type converts
 * enums, enum arrays, dates and decimals on the server. Works the same on PGlite and PostgreSQL.
 */
async function insertRows(tx: Prisma.TransactionClient, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).map((c) => `"${c}"`);
  const stamped = STAMPED.has(table);
  const sql =
    `INSERT INTO "${table}" (${columns.join(", ")}${stamped ? `, "updatedAt"` : ""}) ` +
    `SELECT ${columns.join(", ")}${stamped ? ", now()" : ""} FROM json_populate_recordset(NULL::"${table}", $1::json)`;
  for (let at = 0; at < rows.length; at += CHUNK_ROWS) {
    // Null fields left out of the JSON (a missing key populates NULL): a third less text for the ledger's rows.
    await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(at, at + CHUNK_ROWS), (_key, value) => (value === null ? undefined : value)));
  }
}

function counts(data: DemoData): SeedCounts {
  return Object.fromEntries(SEED_TABLES.map(([key]) => [key, data[key].length])) as SeedCounts;
}

/**
 * Demo accounts: admin, staff and viewer, plus one operator per station (op-<station code>@rongshui.example), all
 * with the published password DEMO_PASSWORD. Existing emails are left alone. Returns how many were created.
 */
export async function seedDemoUsers(db: PrismaClient): Promise<number> {
  const stations = await db.station.findMany({ select: { id: true, code: true }, orderBy: { code: "asc" } });
  // Demo accounts only: one argon2id hash (the @node-rs/argon2 default) shared by all keeps seeding fast.
  const passwordHash = await hash(DEMO_PASSWORD);
  const base = { passwordHash, locale: "zh-CN" };
  const { count } = await db.user.createMany({
    data: [
      { ...base, email: "admin@rongshui.example", name: "示例管理员", role: "ADMIN" },
      { ...base, email: "staff@rongshui.example", name: "示例工作人员", role: "STAFF" },
      { ...base, email: "viewer@rongshui.example", name: "示例查看员", role: "VIEWER" },
      ...stations.map((s) => ({
        ...base,
        email: `op-${s.code.toLowerCase()}@rongshui.example`,
        name: `示例操作员 ${s.code}`,
        role: "OPERATOR" as const,
        stationId: s.id,
      })),
    ],
    skipDuplicates: true,
  });
  return count;
}
