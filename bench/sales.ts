// The progress benchmark's additions to bench/dataset.ts: exit thresholds, 24 products, 200,000 sales with their
// supplier households and the payout ledger entries they produce (as recordSale writes them), 1% of the sales
// reversed (with reversing entries, as reverseSale writes them). Set-based SQL, deterministic (no random()).
import type { Prisma, PrismaClient } from "../lib/generated/prisma/client";

type Client = PrismaClient | Prisma.TransactionClient;

const PRODUCTS = 24;
const FIRST_SALE = "2019-11-01";
const LAST_SALE = "2020-12-31";

export async function insertThresholds(db: Client): Promise<void> {
  await db.$executeRawUnsafe(`INSERT INTO "ExitThreshold" (region, "incidenceBelowPct", "updatedAt") VALUES ('WESTERN', 3, now()), ('OTHER', 2, now()) ON CONFLICT DO NOTHING`);
}

/**
 * Products, then `sales` sales: each station sells three products on all six platforms, spread over 14 months, 1–3 supplier households
 * the station serves per sale, payouts 40–69% of the amount. Returns the number of ledger entries written.
 */
export async function insertSales(client: PrismaClient, sales: number, reversedShare = 0.01): Promise<{ sales: number; payouts: number; reversals: number }> {
  // One transaction; foreign-key checks off inside it (session_replication_role, as pg_restore does): the rows are
  // consistent by construction, and checking 1.2 million references row by row would triple the load time.
  return client.$transaction(
    async (db) => {
      await db.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      return insertSalesRows(db, sales, reversedShare);
    },
    { maxWait: 60_000, timeout: 60 * 60_000 },
  );
}

async function insertSalesRows(db: Prisma.TransactionClient, sales: number, reversedShare: number) {
  await db.$executeRawUnsafe(`
    INSERT INTO "Product" (id, "countyId", code, name, "nameEn", category, unit, "priceFen", "stationId", "updatedAt")
    SELECT p, 1, 'BP-' || lpad(p::text, 3, '0'), '基准产品' || p, 'Bench product ' || p,
      (ARRAY['MUSHROOM','TEA','MEAT','GRAIN','VEGETABLE','OTHER'])[1 + p % 6]::"ProductCategory", '斤', 1000 + p * 250, 1 + (p * 5) % 120, now()
    FROM generate_series(1, ${PRODUCTS}) p`);
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Product"', 'id'), ${PRODUCTS})`);
  const stations = Number((await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "Station"`))[0].n);
  // Each station's households, numbered, to pick suppliers from.
  await db.$executeRawUnsafe(`
    CREATE TEMP TABLE bench_sh AS
    SELECT "stationId", row_number() OVER (PARTITION BY "stationId" ORDER BY id) AS rn, id, count(*) OVER (PARTITION BY "stationId") AS n
    FROM "Household" WHERE "stationId" IS NOT NULL`);
  await db.$executeRawUnsafe(`CREATE INDEX ON bench_sh ("stationId", rn)`);
  const days = `(DATE '${LAST_SALE}' - DATE '${FIRST_SALE}' + 1)`;
  // Station, product (one of the station's three), platform and day are independent hashes of the row number.
  await db.$executeRawUnsafe(`
    INSERT INTO "Sale" (id, "countyId", "productId", "stationId", channel, date, quantity, "amountFen")
    SELECT i, 1, x.product, x.st, (ARRAY['TAOBAO','JD','PINDUODUO','DOUYIN','WECHAT','OTHER'])[1 + (x.h / 3) % 6]::"Platform",
      DATE '${FIRST_SALE}' + ((x.h / 18) % ${days})::int, x.q, x.q * (1000 + x.product * 250)
    FROM generate_series(1, ${sales}) i
    CROSS JOIN LATERAL (SELECT (i::bigint * 2654435761) % 4294967296 AS h) hh
    CROSS JOIN LATERAL (SELECT hh.h, 1 + (i * 37) % ${stations} AS st, 1 + (((1 + (i * 37) % ${stations}) * 5 + hh.h % 3) % ${PRODUCTS}) AS product,
                               1 + (hh.h / 7919) % 20 AS q) x`);
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Sale"', 'id'), ${sales})`);
  await db.$executeRawUnsafe(`
    INSERT INTO "SaleSupplier" ("saleId", "householdId", "payoutFen")
    SELECT s.id, sh.id, (s."amountFen" * (40 + s.id % 30) / 100 / k)::int
    FROM "Sale" s
    CROSS JOIN LATERAL (SELECT 1 + s.id % 3 AS k) kk
    CROSS JOIN LATERAL generate_series(0, kk.k - 1) AS j
    JOIN bench_sh sh ON sh."stationId" = s."stationId" AND sh.rn = 1 + ((s.id::bigint * 31 + j * 17) % sh.n)`);
  const payouts = await db.$executeRawUnsafe(`
    INSERT INTO "IncomeEntry" ("countyId", "householdId", "stationId", date, category, source, "amountFen", "saleId")
    SELECT s."countyId", ss."householdId", h."stationId", s.date, 'OPERATING', 'ECOMMERCE_SALE', ss."payoutFen", s.id
    FROM "SaleSupplier" ss JOIN "Sale" s ON s.id = ss."saleId" JOIN "Household" h ON h.id = ss."householdId"
    ORDER BY s.id, ss."householdId"`);
  const step = Math.max(1, Math.round(1 / reversedShare));
  await db.$executeRawUnsafe(`
    UPDATE "Sale" SET "reversedAt" = (date + 3)::timestamp, "reversalReason" = '基准退货' WHERE id % ${step} = 0`);
  const reversals = await db.$executeRawUnsafe(`
    INSERT INTO "IncomeEntry" ("countyId", "householdId", "stationId", date, category, source, "amountFen", "saleId", "reversesId", "reversalReason")
    SELECT e."countyId", e."householdId", e."stationId", e.date, e.category, e.source, -e."amountFen", e."saleId", e.id, '基准退货'
    FROM "IncomeEntry" e JOIN "Sale" s ON s.id = e."saleId" WHERE s."reversedAt" IS NOT NULL ORDER BY e.id`);
  await db.$executeRawUnsafe(`DROP TABLE bench_sh`);
  return { sales, payouts, reversals };
}
