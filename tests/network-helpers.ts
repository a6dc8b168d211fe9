// Test helpers for stations, sales, products and trainings: households and products made directly in the database
// (the household module is tested on its own), and the per-capita income rule computed straight from the ledger.
import { db } from "@/lib/db";
import type { Fixture } from "./fixtures";

let serial = 0;

export async function makeHousehold(f: Fixture, opts: { villageId: number; stationId: number | null; size?: number }) {
  serial += 1;
  return db.household.create({
    data: {
      code: `T-${opts.villageId}-${String(serial).padStart(4, "0")}`, countyId: f.county.id, villageId: opts.villageId, stationId: opts.stationId,
      headName: `测试户主${serial}`, size: opts.size ?? 4, type: "GENERAL", registeredYear: 2016,
    },
  });
}

export async function makeProduct(f: Fixture, code = "P-TEA") {
  return db.product.create({ data: { countyId: f.county.id, code, name: "融水红茶", category: "TEA", unit: "斤", priceFen: 12_000, stationId: f.stationA.id } });
}

/** DESIGN §5: the sum of the household's ledger entries dated in the year / household size, in fen per person. */
export async function perCapitaFen(householdId: number, year: number): Promise<number> {
  const [household, sum] = await Promise.all([
    db.household.findUniqueOrThrow({ where: { id: householdId } }),
    db.incomeEntry.aggregate({ where: { householdId, date: { gte: new Date(`${year}-01-01T00:00:00Z`), lte: new Date(`${year}-12-31T00:00:00Z`) } }, _sum: { amountFen: true } }),
  ]);
  return (sum._sum.amountFen ?? 0) / household.size;
}

/** Row counts of everything a sale writes, to prove a refused call wrote nothing. */
export async function saleWrites() {
  const [sales, suppliers, entries, audits] = await Promise.all([db.sale.count(), db.saleSupplier.count(), db.incomeEntry.count(), db.auditLog.count()]);
  return { sales, suppliers, entries, audits };
}
