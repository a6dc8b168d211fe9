import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { writeAudit } from "../audit";
import { AppError, conflict, invalid, notFound, parseInput, type Msg } from "../errors";
import { authorize, boundStation, can, readScope } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { assertId } from "../validation/primitives";
import { appendLedgerEntries, reverseLedgerEntries } from "../income/ledger";
import { refreshWarnings, saleHouseholds } from "../monitoring/warnings";
import { isoDate } from "../format";
import { applySale } from "../progress/summaries";
import { pageArgs } from "../stations/access";
import { onceFor, type Idempotency, type IdempotencyGuard } from "../idempotency";
import { reversalSchema, saleInputSchema, salesQuerySchema, type SalesQuery } from "../validation/sales";

const SALE_INCLUDE = {
  product: { select: { id: true, code: true, name: true, nameEn: true, unit: true } },
  station: { select: { id: true, code: true, name: true } },
  suppliers: { select: { householdId: true, payoutFen: true, household: { select: { code: true, headName: true } } }, orderBy: { householdId: "asc" } },
} satisfies Prisma.SaleInclude;

type SaleRow = Prisma.SaleGetPayload<{ include: typeof SALE_INCLUDE }>;

function toSaleDto(s: SaleRow) {
  return {
    id: s.id,
    date: isoDate(s.date),
    product: s.product,
    station: s.station,
    channel: s.channel,
    quantity: Number(s.quantity),
    amountFen: s.amountFen,
    payoutFen: s.suppliers.reduce((sum, x) => sum + x.payoutFen, 0),
    note: s.note,
    reversed: s.reversedAt !== null,
    reversedAt: s.reversedAt?.toISOString() ?? null,
    reversalReason: s.reversalReason,
    createdAt: s.createdAt.toISOString(),
    suppliers: s.suppliers.map((x) => ({ householdId: x.householdId, code: x.household.code, headName: x.household.headName, payoutFen: x.payoutFen })),
  };
}

export type SaleDto = ReturnType<typeof toSaleDto>;

/**
 * A warning on a recorded sale: an ADMIN/STAFF named a supplier household whose village the station does not cover.
 * The sale is recorded; the warning tells the user to check the household (API: `warnings`, page: a note per supplier).
 */
export type SaleWarning = { code: "SUPPLIER_OUTSIDE_COVERAGE"; field: string; householdId: number; householdCode: string; villageName: string };

/**
 * Records a sale with its supplier households. In one transaction: the Sale, its SaleSupplier rows, one OPERATING /
 * ECOMMERCE_SALE ledger entry per supplier (dated on the sale date, linked to the sale) and the audit row.
 * An OPERATOR records only for their own station and names only households their station serves.
 */
export async function recordSale(viewer: Viewer, input: unknown, opts: { idempotency?: Idempotency } = {}): Promise<{ sale: SaleDto; warnings: SaleWarning[] }> {
  return onceFor(opts.idempotency, (guard) => recordSaleOnce(viewer, input, guard));
}

async function recordSaleOnce(viewer: Viewer, input: unknown, guard: IdempotencyGuard): Promise<{ sale: SaleDto; warnings: SaleWarning[] }> {
  authorize(viewer, "sales.create");
  const data = parseInput(saleInputSchema, input);
  authorize(viewer, "sales.create", { stationId: data.stationId });
  return db.$transaction(async (tx) => {
    await guard.claim(tx);
    const fields: Record<string, Msg> = {};
    const product = await tx.product.findUnique({ where: { id: data.productId }, select: { active: true } });
    if (!product) fields.productId = { key: "sales.errors.unknownProduct" };
    else if (!product.active) fields.productId = { key: "sales.errors.inactiveProduct" };
    const station = await tx.station.findUnique({
      where: { id: data.stationId },
      select: { countyId: true, status: true, coveredVillages: { select: { villageId: true } } },
    });
    if (!station) fields.stationId = { key: "sales.errors.unknownStation" };
    else if (station.status !== "ACTIVE") fields.stationId = { key: "sales.errors.stationNotActive" };
    const households = await tx.household.findMany({
      where: { id: { in: data.suppliers.map((s) => s.householdId) } },
      select: { id: true, code: true, stationId: true, villageId: true, village: { select: { name: true } } },
    });
    const byId = new Map(households.map((h) => [h.id, h]));
    data.suppliers.forEach((s, i) => {
      if (!byId.has(s.householdId)) fields[`suppliers.${i}.householdId`] = { key: "sales.errors.unknownHousehold" };
    });
    if (Object.keys(fields).length > 0 || !station) throw invalid(fields);

    const warnings: SaleWarning[] = [];
    const covered = new Set(station.coveredVillages.map((c) => c.villageId));
    const foreign: Record<string, Msg> = {};
    data.suppliers.forEach((s, i) => {
      const h = byId.get(s.householdId)!;
      const field = `suppliers.${i}.householdId`;
      if (!can(viewer, "sales.create", { stationId: h.stationId })) {
        foreign[field] = { key: "sales.errors.householdNotServed", values: { code: h.code } };
      } else if (boundStation(viewer) === null && !covered.has(h.villageId)) {
        // The center may sell for a household outside the station's villages, with a warning (README: Sales).
        warnings.push({ code: "SUPPLIER_OUTSIDE_COVERAGE", field, householdId: h.id, householdCode: h.code, villageName: h.village.name });
      }
    });
    if (Object.keys(foreign).length > 0) throw new AppError("FORBIDDEN", { key: "sales.errors.householdsNotServed" }, foreign);

    const sale = await tx.sale.create({
      data: {
        countyId: station.countyId, productId: data.productId, stationId: data.stationId, channel: data.channel, date: data.date,
        quantity: data.quantity, amountFen: data.amountFen, note: data.note ?? null, recordedById: viewer.id,
        suppliers: { create: data.suppliers.map((s) => ({ householdId: s.householdId, payoutFen: s.payoutFen })) },
      },
      include: SALE_INCLUDE,
    });
    await applySale(tx, sale.id, 1); // dashboard summaries, same transaction (lib/progress/summaries.ts)
    const entries = await appendLedgerEntries(
      tx,
      viewer,
      data.suppliers.map((s) => ({ householdId: s.householdId, date: data.date, category: "OPERATING", source: "ECOMMERCE_SALE", amountFen: s.payoutFen, saleId: sale.id })),
      // A payout the ledger refuses (e.g. dated before the household's registration) is an error on that supplier.
      (i, field) => (field === "date" || field === "householdId" ? `suppliers.${i}.householdId` : `suppliers.${i}.payoutFen`),
    );
    const dto = toSaleDto(sale);
    await writeAudit(tx, viewer, { action: "create", entity: "Sale", entityId: sale.id, after: { ...dto, incomeEntryIds: entries.map((e) => e.id), warnings } });
    return guard.done(tx, { sale: dto, warnings });
  });
}

/**
 * Reverses a sale (reason required): marks it reversed and appends a reversing ledger entry for each of its payouts,
 * so every income total drops back. ADMIN/STAFF, or the operator of the sale's station. A reversed sale → 409.
 */
export async function reverseSale(viewer: Viewer, saleId: number, input: unknown): Promise<SaleDto> {
  authorize(viewer, "sales.reverse");
  assertId(saleId);
  const { reason } = parseInput(reversalSchema, input);
  return db.$transaction(async (tx) => {
    const sale = await tx.sale.findUnique({ where: { id: saleId }, select: { stationId: true, reversedAt: true } });
    if (!sale) throw notFound();
    authorize(viewer, "sales.reverse", { stationId: sale.stationId });
    const alreadyReversed = () => conflict({ key: "sales.errors.alreadyReversed" });
    if (sale.reversedAt) throw alreadyReversed();
    // The guarded update is the lock: a concurrent second reversal finds reversedAt set and updates nothing.
    const claimed = await tx.sale.updateMany({ where: { id: saleId, reversedAt: null }, data: { reversedAt: new Date(), reversalReason: reason, reversedById: viewer.id } });
    if (claimed.count === 0) throw alreadyReversed();
    await applySale(tx, saleId, -1); // counted back out of the dashboard summaries
    // Payout entries of this sale not reversed yet (one may have been corrected on its own in the ledger).
    const open = await tx.incomeEntry.findMany({ where: { saleId, reversesId: null, reversedBy: null }, select: { id: true } });
    const reversals = await reverseLedgerEntries(tx, viewer, open.map((e) => e.id), reason);
    // The suppliers' warnings (their sales changed even if no payout was left to reverse).
    await refreshWarnings(tx, await saleHouseholds(tx, saleId));
    const after = toSaleDto(await tx.sale.findUniqueOrThrow({ where: { id: saleId }, include: SALE_INCLUDE }));
    await writeAudit(tx, viewer, { action: "reverse", entity: "Sale", entityId: saleId, before: { reversed: false }, after: { reversed: true, reason, reversalEntryIds: reversals.map((e) => e.id) } });
    return after;
  });
}

/** One sale with its suppliers (village and whether the station covers it) and the ledger entries it produced. */
export async function getSale(viewer: Viewer, saleId: number) {
  authorize(viewer, "sales.read");
  assertId(saleId);
  const sale = await db.sale.findUnique({
    where: { id: saleId },
    include: {
      ...SALE_INCLUDE,
      station: { select: { id: true, code: true, name: true, coveredVillages: { select: { villageId: true } } } },
      recordedBy: { select: { name: true, email: true } },
      reversedBy: { select: { name: true, email: true } },
      incomeEntries: { orderBy: { id: "asc" }, select: { id: true, householdId: true, date: true, amountFen: true, source: true, reversesId: true, reversedBy: { select: { id: true } }, createdAt: true } },
    },
  });
  if (!sale) throw notFound();
  authorize(viewer, "sales.read", { stationId: sale.stationId });
  const householdInfo = await db.household.findMany({
    where: { id: { in: sale.suppliers.map((s) => s.householdId) } },
    select: { id: true, size: true, stationId: true, villageId: true, village: { select: { name: true } } },
  });
  const info = new Map(householdInfo.map((h) => [h.id, h]));
  const covered = new Set(sale.station.coveredVillages.map((c) => c.villageId));
  const { coveredVillages: _cv, ...station } = sale.station;
  return {
    ...toSaleDto({ ...sale, station }),
    recordedBy: sale.recordedBy,
    reversedBy: sale.reversedBy,
    suppliers: sale.suppliers.map((x) => {
      const h = info.get(x.householdId)!;
      return {
        householdId: x.householdId, code: x.household.code, headName: x.household.headName, payoutFen: x.payoutFen, size: h.size,
        villageName: h.village.name, outsideCoverage: !covered.has(h.villageId),
      };
    }),
    incomeEntries: sale.incomeEntries.map(({ reversedBy, ...e }) => ({ ...e, date: isoDate(e.date), reversedById: reversedBy?.id ?? null, createdAt: e.createdAt.toISOString() })),
  };
}

function salesWhere(viewer: Viewer, q: SalesQuery): Prisma.SaleWhereInput {
  const scope = readScope(viewer, "sales.read", q.stationId);
  return {
    stationId: scope ?? q.stationId,
    productId: q.productId,
    channel: q.channel,
    date: q.from || q.to ? { gte: q.from, lte: q.to } : undefined,
    reversedAt: q.state === "active" ? null : q.state === "reversed" ? { not: null } : undefined,
    suppliers: q.householdId ? { some: { householdId: q.householdId } } : undefined,
  };
}

/** Sales with filters, newest first, one page. An OPERATOR sees only their own station's sales. */
export async function listSales(viewer: Viewer, query: unknown = {}) {
  authorize(viewer, "sales.read");
  const q = parseInput(salesQuerySchema, query);
  const where = salesWhere(viewer, q);
  const { page, skip, take, pageSize } = pageArgs(q.page);
  const [rows, total] = await Promise.all([
    db.sale.findMany({ where, orderBy: [{ date: "desc" }, { id: "desc" }], skip, take, include: SALE_INCLUDE }),
    db.sale.count({ where }),
  ]);
  return { items: rows.map(toSaleDto), total, page, pageSize };
}

/**
 * Totals of the sales matching the filters, reversed sales left out (they no longer count): overall, and by product,
 * channel, station and month. Payouts are what the suppliers received.
 */
export async function salesTotals(viewer: Viewer, query: unknown = {}) {
  authorize(viewer, "sales.read");
  const q = parseInput(salesQuerySchema, query);
  if (q.state === "reversed") return { count: 0, amountFen: 0, payoutFen: 0, byProduct: [], byChannel: [], byStation: [], byMonth: [] };
  const where = { ...salesWhere(viewer, q), reversedAt: null };
  const sums = { _count: { _all: true }, _sum: { amountFen: true } } as const;
  const [all, payouts, byProduct, byChannel, byStation, byDate] = await Promise.all([
    db.sale.aggregate({ where, ...sums }),
    db.saleSupplier.aggregate({ where: { sale: where }, _sum: { payoutFen: true } }),
    db.sale.groupBy({ by: ["productId"], where, ...sums, _sum: { amountFen: true, quantity: true } }),
    db.sale.groupBy({ by: ["channel"], where, ...sums }),
    db.sale.groupBy({ by: ["stationId"], where, ...sums }),
    db.sale.groupBy({ by: ["date"], where, ...sums }),
  ]);
  const [products, stations] = await Promise.all([
    db.product.findMany({ where: { id: { in: byProduct.map((g) => g.productId) } }, select: { id: true, code: true, name: true, nameEn: true, unit: true } }),
    db.station.findMany({ where: { id: { in: byStation.map((g) => g.stationId) } }, select: { id: true, code: true, name: true } }),
  ]);
  const productById = new Map(products.map((p) => [p.id, p]));
  const stationById = new Map(stations.map((s) => [s.id, s]));
  const months = new Map<string, { count: number; amountFen: number }>();
  for (const g of byDate) {
    const key = isoDate(g.date).slice(0, 7);
    const m = months.get(key) ?? { count: 0, amountFen: 0 };
    m.count += g._count._all;
    m.amountFen += g._sum.amountFen ?? 0;
    months.set(key, m);
  }
  const byAmount = <T extends { amountFen: number }>(rows: T[]) => rows.sort((a, b) => b.amountFen - a.amountFen);
  return {
    count: all._count._all,
    amountFen: all._sum.amountFen ?? 0,
    payoutFen: payouts._sum.payoutFen ?? 0,
    byProduct: byAmount(byProduct.map((g) => ({ product: productById.get(g.productId)!, count: g._count._all, amountFen: g._sum.amountFen ?? 0, quantity: Number(g._sum.quantity ?? 0) }))),
    byChannel: byAmount(byChannel.map((g) => ({ channel: g.channel, count: g._count._all, amountFen: g._sum.amountFen ?? 0 }))),
    byStation: byAmount(byStation.map((g) => ({ station: stationById.get(g.stationId)!, count: g._count._all, amountFen: g._sum.amountFen ?? 0 }))),
    byMonth: [...months].sort((a, b) => b[0].localeCompare(a[0])).map(([month, m]) => ({ month, ...m })),
  };
}
