// npm run backup / npm run restore, end to end: a ledger built through the lib/ functions (entries, reversals, sales,
// a sale reversal, edits) is backed up by the real script, restored by the real script into a fresh, empty database,
// and compared: every table's row count equal, summary drift 0. On PGlite the source is a folder (the script opens
// it like `npm start` would); on PostgreSQL (npm run test:pg) it is this file's throwaway schema, restored into a
// database created for the purpose and dropped afterwards.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createHousehold, updateHousehold } from "@/lib/households";
import { createIncomeEntry, reverseIncomeEntry } from "@/lib/income";
import { recordSale, reverseSale } from "@/lib/sales";
import { SUMMARY_TABLES, summaryDrift } from "@/lib/progress/summaries";
import { tableCounts, type BackupManifest } from "@/lib/backup";
import { dbTarget } from "@/lib/db-config";
import { createPrismaClient } from "@/lib/db-client";
import { DurableNodeFS, openPgliteDir } from "@/lib/pglite-dir";
import { makeFixture } from "./fixtures";
import { migrationSql } from "./migrations";

const root = path.resolve(__dirname, "..");
const pgUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : null;
const noDrift = Object.fromEntries(SUMMARY_TABLES.map((t) => [t, 0]));
const work = mkdtempSync(path.join(tmpdir(), "rongshui-backup-test-"));
const g = globalThis as unknown as { rongshuiDb?: PrismaClient };

const prismaRows = (client: PrismaClient) => ({ query: async <T,>(sql: string) => ({ rows: await client.$queryRawUnsafe<T[]>(sql) }) });

function script(name: "backup" | "restore", args: string[], env: Record<string, string>) {
  const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", `scripts/${name}.ts`, ...args], {
    cwd: root, encoding: "utf8", env: { ...process.env, ...env }, timeout: 300_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A small county's worth of activity, all through lib/ (so the summaries are maintained the normal way). */
async function buildLedger() {
  const f = await makeFixture();
  await db.povertyLine.create({ data: { year: 2020, fenPerPerson: 400_000 } });
  const tea = await db.product.create({ data: { countyId: f.county.id, code: "BK-TEA", name: "红茶", category: "TEA", unit: "盒", priceFen: 8800, stationId: f.stationA.id } });
  const households = [];
  for (let i = 0; i < 24; i++) {
    households.push(
      await createHousehold(f.staff, {
        code: `BK-${String(i).padStart(3, "0")}`, villageId: i % 2 ? f.villageB.id : f.villageA.id, stationId: i % 2 ? f.stationB.id : f.stationA.id,
        headName: `备份户${i}`, size: 1 + (i % 5), type: "GENERAL", causes: ["ILLNESS"], registeredYear: 2016,
        foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: i % 3 !== 0,
      }),
    );
  }
  for (const [i, h] of households.entries()) {
    const month = String(1 + (i % 12)).padStart(2, "0");
    const wage = await createIncomeEntry(f.staff, { householdId: h.id, date: `2020-${month}-10`, category: "WAGE", source: "STATION_JOB", amountFen: 50_000 + i * 1_000 });
    await createIncomeEntry(f.staff, { householdId: h.id, date: `2019-${month}-05`, category: "OPERATING", source: "FARMING", amountFen: 300_000 });
    if (i % 4 === 0) await reverseIncomeEntry(f.staff, wage.id, { reason: "录错金额" });
  }
  for (let s = 0; s < 10; s++) {
    const suppliers = [households[(2 * s) % 24], households[(2 * s + 2) % 24]].map((h) => ({ householdId: h.id, payoutFen: 20_000 + s * 500 }));
    const sale = await recordSale(f.staff, { productId: tea.id, stationId: f.stationA.id, channel: s % 2 ? "JD" : "TAOBAO", date: `2020-0${1 + (s % 9)}-15`, quantity: "10", amountFen: 100_000, suppliers });
    if (s === 3) await reverseSale(f.staff, sale.sale.id, { reason: "买家退货" });
  }
  await updateHousehold(f.staff, households[5].id, { version: households[5].version, size: 7 });
}

let counts: Record<string, number>;
let pglite: PGlite | undefined;
let previous: PrismaClient | undefined;
const sourceDir = path.join(work, "source");

beforeAll(async () => {
  if (!pgUrl) {
    // Build the data in a folder, the way the app keeps it, instead of the in-memory database of tests/setup.ts.
    previous = g.rongshuiDb;
    pglite = openPgliteDir(sourceDir);
    for (const sql of migrationSql()) await pglite.exec(sql);
    g.rongshuiDb = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  }
  await buildLedger();
  counts = await tableCounts(prismaRows(g.rongshuiDb!));
  expect(await summaryDrift(db)).toEqual(noDrift);
});

afterAll(async () => {
  if (pglite) {
    await g.rongshuiDb?.$disconnect();
    await pglite.close();
    g.rongshuiDb = previous;
  }
  rmSync(work, { recursive: true, force: true });
});

// One of the two describes runs, never a skipped one: the file always asserts the round trip of its database.
if (!pgUrl) describe("npm run backup / restore on embedded PGlite", () => {
  const file = path.join(work, "out", "rongshui-test.tar.gz");
  const targetDir = path.join(work, "restored");

  it("refuses to back up while another process (here: this one, like the web server) has the folder open", () => {
    const r = script("backup", ["--out", file], { PGLITE_DIR: sourceDir });
    expect(r.status, r.out).toBe(2);
    expect(r.out).toContain(`is in use by process ${process.pid}`);
  });

  it("backs up the closed folder and restores it into a new folder: every table's count equal, summary drift 0", async () => {
    await g.rongshuiDb!.$disconnect();
    await pglite!.close();
    g.rongshuiDb = previous;
    pglite = undefined;

    const b = script("backup", ["--out", file], { PGLITE_DIR: sourceDir });
    expect(b.status, b.out).toBe(0);
    const manifest = JSON.parse(readFileSync(`${file}.json`, "utf8")) as BackupManifest;
    expect(manifest).toMatchObject({ format: "pglite-datadir", counts });
    expect(manifest.countyTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const r = script("restore", [file], { PGLITE_DIR: targetDir });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain("row counts equal the manifest's: yes");

    const restored = new (await import("@electric-sql/pglite")).PGlite({ fs: new DurableNodeFS(targetDir) });
    const client = new PrismaClient({ adapter: new PrismaPGlite(restored) });
    try {
      expect(await tableCounts(prismaRows(client))).toEqual(counts);
      expect(await summaryDrift(client)).toEqual(noDrift);
      expect(counts.IncomeEntry).toBeGreaterThan(50);
    } finally {
      await client.$disconnect();
      await restored.close();
    }
  });

  it("refuses to restore over a database that has data, and says how", () => {
    const r = script("restore", [file], { PGLITE_DIR: targetDir });
    expect(r.status, r.out).toBe(2);
    expect(r.out).toContain("already holds a database with data");
    expect(r.out).toContain("--force");
  });
});

else describe("npm run backup / restore on PostgreSQL", () => {
  const file = path.join(work, "rongshui-test.dump");
  const database = `restore_${process.pid}_${Date.now().toString(36)}`;
  const schema = pgUrl ? new URL(pgUrl).searchParams.get("schema")! : "";
  const server = pgUrl ? pgUrl.replace(/\?.*$/, "") : "";
  const targetUrl = () => {
    const u = new URL(server);
    u.pathname = `/${database}`;
    u.searchParams.set("schema", schema);
    return u.toString();
  };
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it("dumps this file's schema (pg_dump -Fc) and restores it into a fresh database: every table's count equal, summary drift 0", async () => {
    const b = script("backup", ["--out", file], {});
    expect(b.status, b.out).toBe(0);
    expect(JSON.parse(readFileSync(`${file}.json`, "utf8"))).toMatchObject({ format: "pg_dump-custom", schema, counts });

    const r = script("restore", [file], { DATABASE_URL: targetUrl() });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain("row counts equal the manifest's: yes");

    const target = dbTarget({ ...process.env, DATABASE_URL: targetUrl() });
    if (target.kind !== "postgresql") throw new Error("expected a PostgreSQL target");
    const client = createPrismaClient(target);
    const check = new pg.Client({ connectionString: target.connectionString });
    await check.connect();
    try {
      expect(await tableCounts(check)).toEqual(counts);
      expect(await summaryDrift(client)).toEqual(noDrift);
      expect(counts.IncomeEntry).toBeGreaterThan(50);
    } finally {
      await check.end();
      await client.$disconnect();
    }
  });

  it("refuses to restore into a database that has data, and says how", () => {
    const r = script("restore", [file], { DATABASE_URL: targetUrl() });
    expect(r.status, r.out).toBe(2);
    expect(r.out).toContain("already has data");
    expect(r.out).toContain("--force");
  });
});
