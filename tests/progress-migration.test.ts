// The summaries migration on a database that already holds data (an existing installation upgrading): it backfills
// every summary so that it equals a full recompute, and the registry trigger keeps them right afterwards.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { SUMMARY_TABLES, summaryDrift } from "@/lib/progress/summaries";

const MIGRATION = "20261129100000_progress_summaries";
const dir = path.join(__dirname, "..", "prisma", "migrations");
const migrations = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const sql = (name: string) => readFileSync(path.join(dir, name, "migration.sql"), "utf8");

const pglite = new PGlite("memory://");
const client = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
afterAll(async () => {
  await client.$disconnect();
  await pglite.close();
});

describe(`migration ${MIGRATION}`, () => {
  it("backfills the summaries of existing data, equal to a recompute", async () => {
    for (const name of migrations.filter((m) => m < MIGRATION)) await pglite.exec(sql(name));
    await pglite.exec(`
      INSERT INTO "County" (id, code, name, "nameEn") VALUES (1, '450225', '融水苗族自治县', 'Rongshui');
      INSERT INTO "Township" (id, code, name, "nameEn", "countyId") VALUES (1, '450225100', '融水镇', 'Rongshui Zhen', 1);
      INSERT INTO "Village" (id, code, name, "countyId", "townshipId", "registeredPopulation", "isPoor") VALUES (1, '450225100001', '甲村', 1, 1, 800, true), (2, '450225100002', '乙村', 1, 1, 0, false);
      INSERT INTO "Station" (id, code, name, level, "countyId", "townshipId", "villageId", "operatorName", "openedOn", services, "updatedAt")
        VALUES (1, 'RS-A', '甲站', 'VILLAGE', 1, 1, 1, '站长', '2019-11-01', '{}', now());
      INSERT INTO "Household" (id, code, "countyId", "villageId", "stationId", "headName", size, type, status, "registeredYear", "exitYear", "updatedAt")
        VALUES (1, 'H-1', 1, 1, 1, '甲', 4, 'GENERAL', 'EXITED', 2014, 2019, now()), (2, 'H-2', 1, 1, NULL, '乙', 3, 'GENERAL', 'POOR', 2015, NULL, now()),
               (3, 'H-3', 1, 2, 1, '丙', 2, 'GENERAL', 'MONITORED', 2014, 2020, now());
      INSERT INTO "Product" (id, "countyId", code, name, category, unit, "priceFen", "updatedAt") VALUES (1, 1, 'P-1', '香菇', 'MUSHROOM', '斤', 4800, now());
      INSERT INTO "Sale" (id, "countyId", "productId", "stationId", channel, date, quantity, "amountFen") VALUES (1, 1, 1, 1, 'TAOBAO', '2020-03-01', 2, 9600),
        (2, 1, 1, 1, 'JD', '2020-04-30', 1, 4800);
      UPDATE "Sale" SET "reversedAt" = now() WHERE id = 2;
      INSERT INTO "IncomeEntry" (id, "countyId", "householdId", "stationId", date, category, source, "amountFen", "saleId", "reversesId") VALUES
        (1, 1, 1, 1, '2020-03-01', 'OPERATING', 'ECOMMERCE_SALE', 5000, 1, NULL),
        (2, 1, 3, 1, '2020-04-30', 'OPERATING', 'ECOMMERCE_SALE', 2000, 2, NULL),
        (3, 1, 3, 1, '2020-04-30', 'OPERATING', 'ECOMMERCE_SALE', -2000, 2, 2),
        (4, 1, 2, NULL, '2019-12-31', 'WAGE', 'STATION_JOB', 3000, NULL, NULL),
        (5, 1, 2, NULL, '2020-01-01', 'WAGE', 'MIGRANT_WORK', 800000, NULL, NULL);`);
    // This migration and every later one, as an installation upgrading from before the summaries would run them
    // (later ones add summary columns of their own, with their own backfills, e.g. the ledger's row counts).
    for (const name of migrations.filter((m) => m >= MIGRATION)) await pglite.exec(sql(name));
    expect(await summaryDrift(client)).toEqual(Object.fromEntries(SUMMARY_TABLES.map((t) => [t, 0])));
    const counts = await client.$queryRawUnsafe<{ cells: number; groups: number; sales: number }[]>(`
      SELECT (SELECT sum(households) FROM "ProgressBeneficiaryCell")::int AS cells, (SELECT sum(households) FROM "ProgressCountyGroup")::int AS groups,
             (SELECT sum(sales) FROM "ProgressSalesCountyMonth")::int AS sales`);
    expect(counts).toEqual([{ cells: 2, groups: 3, sales: 1 }]);
  });

  it("keeps the registry summaries right on later writes (the trigger)", async () => {
    await pglite.exec(`
      UPDATE "Household" SET size = 6, "villageId" = 2 WHERE id = 1;
      INSERT INTO "Household" (id, code, "countyId", "villageId", "headName", size, type, "registeredYear", "updatedAt") VALUES (4, 'H-4', 1, 2, '丁', 5, 'GENERAL', 2016, now());
      DELETE FROM "Household" WHERE id = 4;`);
    expect(await summaryDrift(client)).toEqual(Object.fromEntries(SUMMARY_TABLES.map((t) => [t, 0])));
  });
});
