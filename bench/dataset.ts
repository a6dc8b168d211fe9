// County-scale data for performance measurements: 20 townships, 206 villages, 120 stations, 30,000 households and
// 1,000,000 ledger entries (1% of them reversals), loaded with set-based SQL so it takes seconds on PostgreSQL and
// about two minutes on PGlite. Deterministic (no random(): every value is a hash of the row number), so two runs load
// the same rows. Each step is exported so a later benchmark can add its own tables (sales, trainings) on top.
import type { PrismaClient } from "../lib/generated/prisma/client";
import { rebuildSummaries } from "../lib/progress/summaries";

export type DatasetOptions = { households?: number; entries?: number; reversalShare?: number };
export type DatasetCounts = { townships: number; villages: number; stations: number; households: number; entries: number; reversals: number };

export const DEFAULTS = { households: 30_000, entries: 1_000_000, reversalShare: 0.01 } as const;

const TOWNSHIPS = 20;
const VILLAGES = 206;
const VILLAGE_STATIONS = 100;
const LAST_YEAR = 2020;
const CHUNK = 100_000;

const POVERTY_LINES_FEN: Record<number, number> = { 2014: 280_000, 2015: 285_500, 2016: 295_200, 2017: 295_200, 2018: 299_500, 2019: 321_800, 2020: 400_000 };

/** County, townships, villages (every other one poor), stations (one per township, 100 village stations), lines. */
export async function insertPlaces(db: PrismaClient): Promise<void> {
  await db.$executeRawUnsafe(`INSERT INTO "County" (id, code, name, "nameEn", region) VALUES (1, '450225', '融水苗族自治县', 'Rongshui Miao Autonomous County', 'WESTERN')`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Township" (id, code, name, "nameEn", "countyId")
    SELECT t, '450225' || lpad((100 + t)::text, 3, '0'), '基准镇' || lpad(t::text, 2, '0'), 'Bench Town ' || t, 1 FROM generate_series(1, ${TOWNSHIPS}) t`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Village" (id, code, name, "countyId", "townshipId", "registeredPopulation", "isPoor", "hasBroadband", "hasAsphaltRoad")
    SELECT v, '450225' || lpad((100 + 1 + (v - 1) % ${TOWNSHIPS})::text, 3, '0') || lpad(v::text, 3, '0'), '基准村' || lpad(v::text, 3, '0'),
      1, 1 + (v - 1) % ${TOWNSHIPS}, 1500 + (v * 37) % 1500, v % 2 = 0, v % 3 <> 0, v % 5 <> 0
    FROM generate_series(1, ${VILLAGES}) v`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Station" (id, code, name, level, "countyId", "townshipId", "villageId", "operatorName", "openedOn", status, services, "updatedAt")
    SELECT s, CASE WHEN s <= ${TOWNSHIPS} THEN 'RS-T' || lpad(s::text, 2, '0') ELSE 'RS-V' || lpad((s - ${TOWNSHIPS})::text, 3, '0') END,
      '基准服务站' || s, CASE WHEN s <= ${TOWNSHIPS} THEN 'TOWNSHIP'::"StationLevel" ELSE 'VILLAGE'::"StationLevel" END, 1,
      CASE WHEN s <= ${TOWNSHIPS} THEN s ELSE 1 + (s - ${TOWNSHIPS} - 1) % ${TOWNSHIPS} END,
      CASE WHEN s <= ${TOWNSHIPS} THEN NULL ELSE s - ${TOWNSHIPS} END,
      '基准站长', DATE '2019-11-01', 'ACTIVE', ARRAY['CONSIGNMENT', 'PARCELS']::"StationService"[], now()
    FROM generate_series(1, ${TOWNSHIPS + VILLAGE_STATIONS}) s`);
  // A village is served by its own village station if it has one (villages 1–100), else by its township's station.
  await db.$executeRawUnsafe(`
    INSERT INTO "StationVillage" ("stationId", "villageId")
    SELECT CASE WHEN v <= ${VILLAGE_STATIONS} THEN ${TOWNSHIPS} + v ELSE 1 + (v - 1) % ${TOWNSHIPS} END, v FROM generate_series(1, ${VILLAGES}) v`);
  for (const [year, fen] of Object.entries(POVERTY_LINES_FEN)) {
    await db.$executeRawUnsafe(`INSERT INTO "PovertyLine" (year, "fenPerPerson", verified, "updatedAt") VALUES (${year}, ${fen}, true, now()) ON CONFLICT DO NOTHING`);
  }
  for (const t of ["County", "Township", "Village", "Station"]) {
    await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${t}"', 'id'), (SELECT max(id) FROM "${t}"))`);
  }
}

/** Households spread over the villages: 80% exited, 15% poor, 5% monitored; sizes 1–7; one or two causes. */
export async function insertHouseholds(db: PrismaClient, count: number): Promise<void> {
  const width = Math.max(5, String(count).length); // codes stay unique past 99,999 households (the growth bench)
  await db.$executeRawUnsafe(`
    INSERT INTO "Household" (code, "countyId", "villageId", "stationId", "headName", size, type, causes, status, "registeredYear", "exitYear",
      "foodClothingSecure", "educationSecure", "medicalSecure", "housingSecure", "waterSecure", "updatedAt")
    SELECT v.code || '-' || lpad(i::text, ${width}, '0'), 1, v.id, sv."stationId", '基准户主' || lpad(i::text, ${width}, '0'), 1 + (i * 3) % 7,
      (ARRAY['GENERAL', 'GENERAL', 'GENERAL', 'MINIMUM_INCOME', 'EXTREME_SUPPORT'])[1 + i % 5]::"HouseholdType",
      (CASE WHEN i % 3 = 0 THEN ARRAY[c1] ELSE ARRAY[c1, c2] END)::"PovertyCause"[],
      (CASE WHEN i % 20 < 16 THEN 'EXITED' WHEN i % 20 < 19 THEN 'POOR' ELSE 'MONITORED' END)::"HouseholdStatus",
      2014 + (i % 7 = 0)::int,
      CASE WHEN i % 20 < 16 OR i % 20 = 19 THEN 2016 + i % 5 END,
      true, i % 11 <> 0, true, i % 13 <> 0, true, now()
    FROM generate_series(1, ${count}) i
    JOIN "Village" v ON v.id = 1 + (i * 31) % ${VILLAGES}
    JOIN "StationVillage" sv ON sv."villageId" = v.id
    CROSS JOIN LATERAL (SELECT
      (ARRAY['ILLNESS','DISABILITY','SCHOOLING','DISASTER','NO_LAND','NO_WATER','NO_SKILLS','NO_LABOUR','NO_CAPITAL','POOR_TRANSPORT','WEAK_MOTIVATION'])[1 + i % 11] AS c1,
      (ARRAY['ILLNESS','DISABILITY','SCHOOLING','DISASTER','NO_LAND','NO_WATER','NO_SKILLS','NO_LABOUR','NO_CAPITAL','POOR_TRANSPORT','WEAK_MOTIVATION'])[1 + (i * 5 + 3) % 11] AS c2) c
    ORDER BY i`);
}

/**
 * Ledger entries, in chunks of 100,000 (one INSERT … SELECT each): households round-robin in a scrambled order,
 * dates between the household's registration and the end of 2020, source and matching category, ¥10–¥20,010.
 * Then `reversalShare` of them get their reversing entry (same date, negated, linked), as the app would append them.
 */
export async function insertLedger(
  db: PrismaClient, entries: number, reversalShare: number = DEFAULTS.reversalShare, range?: { from: string; to: string },
): Promise<{ entries: number; reversals: number }> {
  // Dates: from the household's registration to the end of LAST_YEAR, or spread over the given range (later years).
  const start = range ? `DATE '${range.from}'` : `make_date(h."registeredYear", 1, 1)`;
  const end = range ? `DATE '${range.to}'` : `DATE '${LAST_YEAR}-12-31'`;
  const existing = range ? Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT coalesce(max(id), 0)::bigint AS n FROM "IncomeEntry"`))[0].n) : 0;
  const reversals = Math.floor(entries * reversalShare);
  const base = entries - reversals;
  await db.$executeRawUnsafe(`CREATE TEMP TABLE bench_h AS SELECT row_number() OVER (ORDER BY id) AS rn, id, "countyId", "stationId", "registeredYear" FROM "Household"`);
  const households = Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*)::bigint AS n FROM bench_h`))[0].n);
  for (let from = 1; from <= base; from += CHUNK) {
    const to = Math.min(base, from + CHUNK - 1);
    await db.$executeRawUnsafe(`
      INSERT INTO "IncomeEntry" ("countyId", "householdId", "stationId", date, category, source, "amountFen", note)
      SELECT h."countyId", h.id, h."stationId",
        ${start} + ((i::bigint * 7331) % ((${end} - ${start}) + 1))::int,
        (ARRAY['OPERATING','WAGE','WAGE','OPERATING','TRANSFER','PROPERTY','TRANSFER'])[1 + s]::"IncomeCategory",
        (ARRAY['ECOMMERCE_SALE','STATION_JOB','MIGRANT_WORK','FARMING','SUBSIDY','DIVIDEND','OTHER'])[1 + s]::"IncomeSource",
        1000 + ((i::bigint * 104729) % 2000000)::int,
        CASE WHEN i % 10 = 0 THEN '基准备注' END
      FROM generate_series(${from}, ${to}) i
      CROSS JOIN LATERAL (SELECT (i * 13) % 7 AS s) src
      JOIN bench_h h ON h.rn = 1 + ((i::bigint * 7919) % ${households})`);
  }
  if (reversals > 0) {
    const step = Math.max(1, Math.floor(base / reversals));
    await db.$executeRawUnsafe(`
      INSERT INTO "IncomeEntry" ("countyId", "householdId", "stationId", date, category, source, "amountFen", "reversesId", "reversalReason")
      SELECT "countyId", "householdId", "stationId", date, category, source, -"amountFen", id, '基准冲正'
      FROM "IncomeEntry" WHERE "reversesId" IS NULL AND id > ${existing} AND id % ${step} = 0 ORDER BY id LIMIT ${reversals}`);
  }
  await db.$executeRawUnsafe(`DROP TABLE bench_h`);
  return { entries: base + reversals, reversals };
}

/** Loads the whole data set into an empty, migrated database and refreshes the planner's statistics. */
export async function createBenchDataset(db: PrismaClient, opts: DatasetOptions = {}): Promise<DatasetCounts> {
  const households = opts.households ?? DEFAULTS.households;
  const entries = opts.entries ?? DEFAULTS.entries;
  if ((await db.county.count()) > 0) throw new Error("createBenchDataset: the database is not empty");
  await insertPlaces(db);
  await insertHouseholds(db, households);
  const ledger = await insertLedger(db, entries, opts.reversalShare);
  // The ledger went in directly, so the dashboards' summary tables are recomputed once, as the seed does.
  await db.$transaction((tx) => rebuildSummaries(tx), { maxWait: 60_000, timeout: 30 * 60_000 });
  await db.$executeRawUnsafe(`ANALYZE`);
  return { townships: TOWNSHIPS, villages: VILLAGES, stations: TOWNSHIPS + VILLAGE_STATIONS, households, entries: ledger.entries, reversals: ledger.reversals };
}
