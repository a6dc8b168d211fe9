import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { writeAudit } from "../audit";
import { conflict, invalid, isUniqueViolation, notFound, parseInput, type Msg } from "../errors";
import { authorize, readScope } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { assertId, likeEscape } from "../validation/primitives";
import { isoDate } from "../format";
import { MAX_IMAGE_BYTES, imageUrl, readImage, removeImage, saveImage, sniffImage } from "../uploads";
import { createProductSchema, productQuerySchema, updateProductSchema } from "../validation/products";

type Tx = Prisma.TransactionClient;

const PRODUCT_INCLUDE = {
  station: { select: { id: true, code: true, name: true } },
  listings: { orderBy: { platform: "asc" } },
  _count: { select: { suppliers: true } },
} satisfies Prisma.ProductInclude;

function toProductDto(p: Prisma.ProductGetPayload<{ include: typeof PRODUCT_INCLUDE }>) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    category: p.category,
    unit: p.unit,
    priceFen: p.priceFen,
    station: p.station,
    active: p.active,
    version: p.version,
    photoUrl: imageUrl(p.photoPath),
    supplierCount: p._count.suppliers,
    listings: p.listings.map((l) => ({ platform: l.platform, status: l.status, url: l.url, listedOn: l.listedOn ? isoDate(l.listedOn) : null })),
  };
}

export type ProductDto = ReturnType<typeof toProductDto>;

/** The catalog: every role that works with sales reads all of it (an OPERATOR sells county products too). */
export async function listProducts(viewer: Viewer, query: unknown = {}) {
  authorize(viewer, "products.read");
  const q = parseInput(productQuerySchema, query);
  const like = q.q ? likeEscape(q.q) : undefined;
  const rows = await db.product.findMany({
    where: {
      category: q.category,
      stationId: q.stationId,
      active: q.active === undefined ? undefined : q.active === "true",
      listings: q.platform ? { some: { platform: q.platform, status: "LISTED" } } : undefined,
      OR: like ? [{ code: { contains: like, mode: "insensitive" } }, { name: { contains: like } }, { nameEn: { contains: like, mode: "insensitive" } }] : undefined,
    },
    orderBy: [{ active: "desc" }, { code: "asc" }],
    include: PRODUCT_INCLUDE,
  });
  return { items: rows.map(toProductDto) };
}

/** Active products for the sale form. */
export async function productOptions(viewer: Viewer) {
  authorize(viewer, "products.read");
  return db.product.findMany({ where: { active: true }, orderBy: { code: "asc" }, select: { id: true, code: true, name: true, nameEn: true, unit: true, priceFen: true } });
}

export const SUPPLIER_LIST_LIMIT = 200;

/**
 * One product with its supplier households (an OPERATOR sees only those their station serves, plus the total count)
 * and its sales not reversed (an OPERATOR: their station's).
 */
export async function getProduct(viewer: Viewer, productId: number) {
  authorize(viewer, "products.read");
  assertId(productId);
  // The catalog is the county's; what an OPERATOR sees of its suppliers and sales is their own station's.
  const scope = readScope(viewer, "sales.read");
  const product = await db.product.findUnique({ where: { id: productId }, include: PRODUCT_INCLUDE });
  if (!product) throw notFound();
  const [suppliers, visibleSuppliers, sales] = await Promise.all([
    db.productSupplier.findMany({
      where: { productId, household: scope === null ? undefined : { stationId: scope } },
      orderBy: { householdId: "asc" },
      take: SUPPLIER_LIST_LIMIT,
      select: { household: { select: { id: true, code: true, headName: true, village: { select: { name: true } }, station: { select: { code: true } } } } },
    }),
    scope === null ? product._count.suppliers : db.productSupplier.count({ where: { productId, household: { stationId: scope } } }),
    db.sale.aggregate({ where: { productId, reversedAt: null, stationId: scope ?? undefined }, _count: { _all: true }, _sum: { amountFen: true, quantity: true } }),
  ]);
  return {
    ...toProductDto(product),
    visibleSuppliers, // how many the viewer may see; `suppliers` lists the first SUPPLIER_LIST_LIMIT of them
    suppliers: suppliers.map((s) => ({ id: s.household.id, code: s.household.code, headName: s.household.headName, villageName: s.household.village.name, stationCode: s.household.station?.code ?? null })),
    sales: { count: sales._count._all, amountFen: sales._sum.amountFen ?? 0, quantity: Number(sales._sum.quantity ?? 0) },
  };
}

async function checkRefs(tx: Tx, data: { stationId?: number | null; supplierHouseholdIds?: number[] }) {
  const fields: Record<string, Msg> = {};
  if (data.stationId && !(await tx.station.findUnique({ where: { id: data.stationId }, select: { id: true } }))) fields.stationId = { key: "sales.errors.unknownStation" };
  const ids = data.supplierHouseholdIds ?? [];
  if (ids.length > 0) {
    const found = await tx.household.count({ where: { id: { in: ids } } });
    if (found !== ids.length) fields.supplierHouseholdIds = { key: "products.errors.unknownHouseholds" };
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
}

const codeTaken = () => invalid({ code: { key: "products.errors.codeTaken" } });

function listingRows(listings: { platform: string; status: string; url?: string | null; listedOn?: Date }[]) {
  return listings.map((l) => ({ platform: l.platform as never, status: l.status as never, url: l.url ?? null, listedOn: l.listedOn ?? null }));
}

/** ADMIN/STAFF add a product to the catalog, with its supplier households and platform listings. */
export async function createProduct(viewer: Viewer, input: unknown): Promise<ProductDto> {
  authorize(viewer, "products.manage");
  const data = parseInput(createProductSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      await checkRefs(tx, data);
      if (await tx.product.findUnique({ where: { code: data.code }, select: { id: true } })) throw codeTaken();
      const county = await tx.county.findFirst({ orderBy: { id: "asc" }, select: { id: true } });
      if (!county) throw notFound();
      const created = await tx.product.create({
        data: {
          countyId: county.id, code: data.code, name: data.name, nameEn: data.nameEn ?? null, category: data.category, unit: data.unit,
          priceFen: data.priceFen, stationId: data.stationId ?? null, active: data.active ?? true,
          suppliers: { create: (data.supplierHouseholdIds ?? []).map((householdId) => ({ householdId })) },
          listings: { create: listingRows(data.listings ?? []) },
        },
        include: PRODUCT_INCLUDE,
      });
      const dto = toProductDto(created);
      await writeAudit(tx, viewer, { action: "create", entity: "Product", entityId: created.id, after: { ...dto, supplierHouseholdIds: data.supplierHouseholdIds ?? [] } });
      return dto;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken();
    throw error;
  }
}

/**
 * ADMIN/STAFF change a product; supplierHouseholdIds and listings, when given, replace the current lists. `version`
 * must be the one the editor saw: a stale edit is refused with 409 and the current product in details.
 */
export async function updateProduct(viewer: Viewer, productId: number, input: unknown): Promise<ProductDto> {
  authorize(viewer, "products.manage");
  assertId(productId);
  const data = parseInput(updateProductSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.product.findUnique({ where: { id: productId }, include: { ...PRODUCT_INCLUDE, suppliers: { select: { householdId: true } } } });
      if (!before) throw notFound();
      // The guarded version bump first: of two editors with the same version, the second finds nothing to claim.
      const claimed = await tx.product.updateMany({ where: { id: productId, version: data.version }, data: { version: { increment: 1 } } });
      if (claimed.count === 0) throw conflict({ key: "products.errors.stale" }, { current: toProductDto(before) });
      await checkRefs(tx, data);
      await checkRefs(tx, { supplierHouseholdIds: data.addSupplierHouseholdIds });
      if (data.code !== undefined && data.code !== before.code && (await tx.product.findUnique({ where: { code: data.code }, select: { id: true } }))) throw codeTaken();
      if (data.supplierHouseholdIds) {
        await tx.productSupplier.deleteMany({ where: { productId } });
        await tx.productSupplier.createMany({ data: data.supplierHouseholdIds.map((householdId) => ({ productId, householdId })) });
      }
      if (data.addSupplierHouseholdIds?.length) {
        await tx.productSupplier.createMany({ data: data.addSupplierHouseholdIds.map((householdId) => ({ productId, householdId })), skipDuplicates: true });
      }
      if (data.removeSupplierHouseholdIds?.length) await tx.productSupplier.deleteMany({ where: { productId, householdId: { in: data.removeSupplierHouseholdIds } } });
      if (data.listings) {
        await tx.productListing.deleteMany({ where: { productId } });
        await tx.productListing.createMany({ data: listingRows(data.listings).map((l) => ({ ...l, productId })) });
      }
      const after = await tx.product.update({
        where: { id: productId },
        data: {
          code: data.code, name: data.name, nameEn: data.nameEn, category: data.category, unit: data.unit, priceFen: data.priceFen,
          stationId: data.stationId, active: data.active,
        },
        include: PRODUCT_INCLUDE,
      });
      const dto = toProductDto(after);
      await writeAudit(tx, viewer, {
        action: "update", entity: "Product", entityId: productId,
        before: { ...toProductDto(before), supplierHouseholdIds: before.suppliers.map((s) => s.householdId) },
        after: {
          ...dto,
          supplierHouseholdIds: (await tx.productSupplier.findMany({ where: { productId }, select: { householdId: true }, orderBy: { householdId: "asc" } })).map((s) => s.householdId),
        },
      });
      return dto;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken();
    throw error;
  }
}

/**
 * ADMIN/STAFF set a product's photo: JPEG, PNG or WebP by its first bytes (not its name), at most 2 MB. The file is
 * written under a random name first; the product row and the audit row then commit together, and the old file goes.
 */
export async function setProductPhoto(viewer: Viewer, productId: number, file: Blob | null | undefined): Promise<ProductDto> {
  authorize(viewer, "products.manage");
  assertId(productId);
  if (!file || file.size === 0) throw invalid({ photo: { key: "validation.required" } });
  if (file.size > MAX_IMAGE_BYTES) throw invalid({ photo: { key: "products.errors.photoTooLarge", values: { max: "2 MB" } } });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const ext = sniffImage(bytes);
  if (!ext) throw invalid({ photo: { key: "products.errors.photoType" } });
  const before = await db.product.findUnique({ where: { id: productId }, select: { photoPath: true } });
  if (!before) throw notFound();
  const stored = await saveImage("products", bytes, ext);
  try {
    const dto = await db.$transaction(async (tx) => {
      const after = await tx.product.update({ where: { id: productId }, data: { photoPath: stored }, include: PRODUCT_INCLUDE });
      await writeAudit(tx, viewer, { action: "setPhoto", entity: "Product", entityId: productId, before: { photoPath: before.photoPath }, after: { photoPath: stored, bytes: bytes.length } });
      return toProductDto(after);
    });
    await removeImage(before.photoPath);
    return dto;
  } catch (error) {
    await removeImage(stored);
    throw error;
  }
}

/** ADMIN/STAFF remove a product's photo. */
export async function removeProductPhoto(viewer: Viewer, productId: number): Promise<ProductDto> {
  authorize(viewer, "products.manage");
  assertId(productId);
  const before = await db.product.findUnique({ where: { id: productId }, select: { photoPath: true } });
  if (!before) throw notFound();
  const dto = await db.$transaction(async (tx) => {
    const after = await tx.product.update({ where: { id: productId }, data: { photoPath: null }, include: PRODUCT_INCLUDE });
    await writeAudit(tx, viewer, { action: "removePhoto", entity: "Product", entityId: productId, before: { photoPath: before.photoPath }, after: { photoPath: null } });
    return toProductDto(after);
  });
  await removeImage(before.photoPath);
  return dto;
}

/** A stored product photo, for any signed-in user (the route handler has authenticated the viewer). */
export async function productPhoto(_viewer: Viewer, name: string) {
  const image = await readImage("products", name);
  if (!image) throw notFound();
  return image;
}
