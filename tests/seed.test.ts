// The demo seed tells the article's story; these tests recompute it from the database with SQL.
import { createHash } from "node:crypto";
import { verify } from "@node-rs/argon2";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ECOMMERCE_SOURCES, EXITED_STATUSES, incidencePct, isExitEligible } from "@/lib/progress/rules";
import { generateDemoData, type DemoData } from "@/prisma/seed/generate";
import { DEMO_PASSWORD, SEED_TABLES, seedDemo, seedDemoUsers } from "@/prisma/seed/load";
import { TOWNSHIPS } from "@/prisma/seed/reference";

async function one<T>(query: Prisma.Sql): Promise<T> {
  return (await db.$queryRaw<T[]>(query))[0];
}

function fingerprint(data: DemoData): string {
  const hash = createHash("sha256");
  for (const [key, rows] of Object.entries(data)) hash.update(key).update(JSON.stringify(rows));
  return hash.digest("hex");
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Every index and constraint in the schema, to check that the load recreates exactly what it dropped. */
const catalog = () =>
  db.$queryRaw<{ name: string; definition: string }[]>`
    SELECT indexname::text AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL
    SELECT c.conname::text, pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.connamespace = current_schema()::regnamespace
    ORDER BY 1, 2`;

let data: DemoData;
let catalogBefore: Awaited<ReturnType<typeof catalog>>;

beforeAll(async () => {
  data = generateDemoData();
  catalogBefore = await catalog();
  await seedDemo(db);
});

describe("demo seed", () => {
  it("has the county's 20 townships with their reference codes, 206 villages and 120 stations", async () => {
    const townships = await db.$queryRaw<{ code: string; name: string }[]>`SELECT code, name FROM "Township" ORDER BY code`;
    expect(townships).toEqual(TOWNSHIPS.map(({ code, name }) => ({ code, name })));
    const counts = await one<{ villages: number; stations: number; poor: number }>(Prisma.sql`
      SELECT (SELECT count(*) FROM "Village")::int AS villages, (SELECT count(*) FROM "Station")::int AS stations,
             (SELECT count(*) FROM "Village" WHERE "isPoor")::int AS poor`);
    expect(counts).toEqual({ villages: 206, stations: 120, poor: 89 });
  });

  it("serves each household from a station that covers its village", async () => {
    const { misplaced } = await one<{ misplaced: number }>(Prisma.sql`
      SELECT count(*)::int AS misplaced FROM "Household" h
      WHERE h."stationId" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "StationVillage" sv WHERE sv."stationId" = h."stationId" AND sv."villageId" = h."villageId")`);
    expect(misplaced).toBe(0);
  });

  it("covers at least 60% of poor villages with an active station, but not all of them", async () => {
    const { covered, total } = await one<{ covered: number; total: number }>(Prisma.sql`
      SELECT count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM "StationVillage" sv JOIN "Station" s ON s.id = sv."stationId"
               WHERE sv."villageId" = v.id AND s.status = 'ACTIVE'))::int AS covered,
             count(*)::int AS total
      FROM "Village" v WHERE v."isPoor"`);
    expect(covered / total).toBeGreaterThanOrEqual(0.6);
    expect(covered).toBeLessThan(total);
  });

  it("gave at least 8,100 residents e-commerce income from July 2019 to June 2020, over 1,000 yuan per household", async () => {
    const r = await one<{ households: number; residents: number; incomeFen: number }>(Prisma.sql`
      WITH beneficiary AS (
        SELECT "householdId", sum("amountFen") AS net FROM "IncomeEntry"
        WHERE source::text IN (${Prisma.join(ECOMMERCE_SOURCES)})
          AND date BETWEEN ${"2019-07-01"}::date AND ${"2020-06-30"}::date
        GROUP BY "householdId" HAVING sum("amountFen") > 0)
      SELECT count(*)::int AS households, coalesce(sum(h.size), 0)::int AS residents,
             coalesce(sum(b.net), 0)::float8 AS "incomeFen"
      FROM beneficiary b JOIN "Household" h ON h.id = b."householdId"`);
    expect(r.residents).toBeGreaterThanOrEqual(8100);
    expect(r.incomeFen / r.households).toBeGreaterThan(100_000);
  });

  it("brings county poverty incidence from about 28% at registration to below 3% at the end of 2020", async () => {
    const { population } = await one<{ population: number }>(Prisma.sql`SELECT sum("registeredPopulation")::int AS population FROM "Village"`);
    // Not exited by the end of year Y: registered by Y, and no exit year up to Y (EXITED and MONITORED both have one).
    const notExitedBy = async (year: number) =>
      (await one<{ people: number }>(Prisma.sql`
        SELECT coalesce(sum(size), 0)::int AS people FROM "Household"
        WHERE "registeredYear" <= ${year} AND ("exitYear" IS NULL OR "exitYear" > ${year})`)).people;
    const atRegistration = incidencePct(await notExitedBy(2015), population)!;
    const end2020 = incidencePct(await notExitedBy(2020), population)!;
    expect(atRegistration).toBeGreaterThan(25);
    expect(atRegistration).toBeLessThan(31);
    expect(end2020).toBeLessThan(3);

    const { inconsistent } = await one<{ inconsistent: number }>(Prisma.sql`
      SELECT count(*)::int AS inconsistent FROM "Household"
      WHERE (status = 'POOR') <> ("exitYear" IS NULL)`);
    expect(inconsistent).toBe(0);
  });

  it("has every exited or monitored household exit-eligible for its exit year", async () => {
    const rows = await db.$queryRaw<
      { incomeFen: number; size: number; lineFen: number | null; foodClothingSecure: boolean; educationSecure: boolean;
        medicalSecure: boolean; housingSecure: boolean; waterSecure: boolean }[]
    >`
      SELECT coalesce(inc.total, 0)::float8 AS "incomeFen", h.size, pl."fenPerPerson" AS "lineFen", h."foodClothingSecure",
             h."educationSecure", h."medicalSecure", h."housingSecure", h."waterSecure"
      FROM "Household" h
      LEFT JOIN "PovertyLine" pl ON pl.year = h."exitYear"
      LEFT JOIN LATERAL (
        SELECT sum(e."amountFen") AS total FROM "IncomeEntry" e
        WHERE e."householdId" = h.id AND e.date >= make_date(h."exitYear", 1, 1) AND e.date < make_date(h."exitYear" + 1, 1, 1)
      ) inc ON true
      WHERE h.status::text IN (${Prisma.join(EXITED_STATUSES)})`;
    expect(rows.length).toBeGreaterThan(25_000);
    const violators = rows.filter(
      (r) => r.lineFen === null || !isExitEligible({ incomeFen: r.incomeFen, size: r.size, lineFen: r.lineFen, guarantees: r }),
    );
    expect(violators).toEqual([]);
  });

  it("keeps supplier payouts within each sale and books every payout in the income ledger", async () => {
    const r = await one<Record<string, number>>(Prisma.sql`
      SELECT
        (SELECT count(*) FROM "Sale" s
          WHERE (SELECT coalesce(sum(ss."payoutFen"), 0) FROM "SaleSupplier" ss WHERE ss."saleId" = s.id) > s."amountFen")::int AS overpaid,
        (SELECT count(*) FROM "Sale" s
          WHERE (SELECT count(*) FROM "SaleSupplier" ss WHERE ss."saleId" = s.id) NOT BETWEEN 1 AND 4)::int AS "badSupplierCount",
        (SELECT count(*) FROM "SaleSupplier" ss JOIN "Sale" s ON s.id = ss."saleId"
          WHERE NOT EXISTS (
            SELECT 1 FROM "IncomeEntry" e
            WHERE e."saleId" = ss."saleId" AND e."householdId" = ss."householdId" AND e."reversesId" IS NULL
              AND e."amountFen" = ss."payoutFen" AND e.date = s.date AND e.category = 'OPERATING' AND e.source = 'ECOMMERCE_SALE'))::int AS unbooked,
        (SELECT count(*) FROM "Sale" s JOIN "Station" st ON st.id = s."stationId"
          WHERE st.status <> 'ACTIVE' OR s.date < st."openedOn" OR s.date < DATE '2019-11-01')::int AS "outsideActiveStations",
        (SELECT count(*) FROM "IncomeEntry" r JOIN "IncomeEntry" o ON o.id = r."reversesId"
          WHERE r."amountFen" <> -o."amountFen" OR r."saleId" IS DISTINCT FROM o."saleId")::int AS "badReversals",
        (SELECT count(*) FROM "IncomeEntry" e JOIN "Sale" s ON s.id = e."saleId"
          WHERE s."reversedAt" IS NOT NULL AND e."reversesId" IS NULL
            AND NOT EXISTS (SELECT 1 FROM "IncomeEntry" r WHERE r."reversesId" = e.id))::int AS "unreversed"`);
    expect(r).toEqual({ overpaid: 0, badSupplierCount: 0, unbooked: 0, outsideActiveStations: 0, badReversals: 0, unreversed: 0 });
  });

  it("has about 28,000 households with about 115,000 people", async () => {
    const { households, people } = await one<{ households: number; people: number }>(
      Prisma.sql`SELECT count(*)::int AS households, sum(size)::int AS people FROM "Household"`,
    );
    expect(households).toBeGreaterThanOrEqual(27_000);
    expect(households).toBeLessThanOrEqual(29_000);
    expect(people).toBeGreaterThanOrEqual(110_000);
    expect(people).toBeLessThanOrEqual(120_000);
  });

  it("is deterministic, and the database holds exactly the generated rows", async () => {
    expect(fingerprint(generateDemoData())).toBe(fingerprint(data));

    for (const [key, table] of SEED_TABLES) {
      const { n } = await one<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM ${Prisma.raw(`"${table}"`)}`);
      expect(n, table).toBe(data[key].length);
    }
    const sums = await one<{ people: number; incomeFen: number; salesFen: number; payoutFen: number }>(Prisma.sql`
      SELECT (SELECT sum(size) FROM "Household")::float8 AS people,
             (SELECT sum("amountFen") FROM "IncomeEntry")::float8 AS "incomeFen",
             (SELECT sum("amountFen") FROM "Sale")::float8 AS "salesFen",
             (SELECT sum("payoutFen") FROM "SaleSupplier")::float8 AS "payoutFen"`);
    expect(sums).toEqual({
      people: sum(data.households.map((h) => h.size)),
      incomeFen: sum(data.incomeEntries.map((e) => e.amountFen)),
      salesFen: sum(data.sales.map((s) => s.amountFen)),
      payoutFen: sum(data.saleSuppliers.map((s) => s.payoutFen)),
    });
  });

  it("recreates exactly the migrated indexes and foreign keys it dropped for the load", async () => {
    expect(await catalog()).toEqual(catalogBefore);
  });

  it("moves id sequences past the seeded ids", async () => {
    const household = await db.household.create({
      data: { code: "TEST-0001", countyId: 1, villageId: 1, headName: "测试户", size: 1, type: "GENERAL", registeredYear: 2020 },
    });
    expect(household.id).toBe(data.households.length + 1);
    await db.household.delete({ where: { id: household.id } });
  });

  it("refuses to seed a database that already has a county", async () => {
    await expect(seedDemo(db)).rejects.toThrow(/already has a county/);
  });

  it("creates the demo users, one operator per station, sharing one argon2id hash", async () => {
    expect(await seedDemoUsers(db)).toBe(3 + 120);
    expect(await seedDemoUsers(db)).toBe(0);
    const operator = await db.user.findUniqueOrThrow({ where: { email: "op-rs-v001@rongshui.example" }, include: { station: true } });
    expect(operator).toMatchObject({ role: "OPERATOR", locale: "zh-CN", station: { code: "RS-V001" } });
    expect(operator.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verify(operator.passwordHash, DEMO_PASSWORD)).toBe(true);
    const hashes = await db.user.groupBy({ by: ["passwordHash"], _count: true });
    expect(hashes).toHaveLength(1);
  });
});

describe("progress rules", () => {
  const guarantees = { foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true };

  it("requires per-capita income strictly above the line and all five guarantees", () => {
    expect(isExitEligible({ incomeFen: 400_001 * 3, size: 3, lineFen: 400_000, guarantees })).toBe(true);
    expect(isExitEligible({ incomeFen: 400_000 * 3, size: 3, lineFen: 400_000, guarantees })).toBe(false);
    expect(isExitEligible({ incomeFen: 900_000 * 3, size: 3, lineFen: 400_000, guarantees: { ...guarantees, waterSecure: false } })).toBe(false);
    expect(isExitEligible({ incomeFen: 900_000, size: 0, lineFen: 400_000, guarantees })).toBe(false);
  });

  it("computes incidence in percent, and nothing without a population", () => {
    expect(incidencePct(3, 200)).toBe(1.5);
    expect(incidencePct(0, 0)).toBeNull();
  });
});
