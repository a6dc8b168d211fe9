import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProduct, getProduct, listProducts, productPhoto, removeProductPhoto, setProductPhoto, updateProduct } from "@/lib/products";
import { MAX_IMAGE_BYTES, sniffImage } from "@/lib/uploads";
import { expectCode, makeFixture, type Fixture } from "./fixtures";
import { makeHousehold } from "./network-helpers";

const uploads = mkdtempSync(path.join(tmpdir(), "rongshui-uploads-"));
process.env.UPLOADS_DIR = uploads;
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

let f: Fixture;
let hA: { id: number }, hB: { id: number };

beforeAll(async () => {
  f = await makeFixture();
  hA = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id });
  hB = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id });
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38]);
const files = () => readdirSync(path.join(uploads, "products"), { withFileTypes: true }).map((d) => d.name).sort();

const shiitake = (over: Record<string, unknown> = {}) => ({
  code: "rs-p01", name: "融水香菇", nameEn: "Shiitake", category: "MUSHROOM", unit: "斤", priceFen: 4_500, stationId: f.stationA.id,
  supplierHouseholdIds: [hA.id, hB.id],
  listings: [{ platform: "TAOBAO", status: "LISTED", url: "https://shop.example.com/p01", listedOn: "2020-01-10" }, { platform: "JD", status: "DELISTED" }],
  ...over,
});

describe("catalog", () => {
  it("creates a product with listings and suppliers, audited; reads it back filtered", async () => {
    const p = await createProduct(f.staff, shiitake());
    expect(p).toMatchObject({ code: "RS-P01", active: true, supplierCount: 2, photoUrl: null, station: { code: "RS-A" } });
    expect(p.listings).toEqual([
      { platform: "TAOBAO", status: "LISTED", url: "https://shop.example.com/p01", listedOn: "2020-01-10" },
      { platform: "JD", status: "DELISTED", url: null, listedOn: null },
    ]);
    expect(await db.auditLog.count({ where: { entity: "Product", entityId: String(p.id), action: "create" } })).toBe(1);
    expect((await listProducts(f.operatorA, { platform: "TAOBAO" })).items.map((x) => x.code)).toEqual(["RS-P01"]);
    expect((await listProducts(f.staff, { platform: "JD" })).items).toEqual([]); // delisted there
    expect((await listProducts(f.staff, { category: "TEA" })).items).toEqual([]);
    expect((await listProducts(f.staff, { q: "香菇" })).items).toHaveLength(1);
    // An OPERATOR sees only the suppliers their station serves.
    expect((await getProduct(f.operatorA, p.id)).suppliers.map((s) => s.id)).toEqual([hA.id]);
    expect((await getProduct(f.staff, p.id)).suppliers.map((s) => s.id)).toEqual([hA.id, hB.id]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a duplicate code", { code: "RS-P01" }, "code"],
    ["a zero price", { code: "RS-P02", priceFen: 0 }, "priceFen"],
    ["an unknown category", { code: "RS-P02", category: "CANDY" }, "category"],
    ["an unknown platform", { code: "RS-P02", listings: [{ platform: "AMAZON", status: "LISTED" }] }, "listings.0.platform"],
    ["the same platform twice", { code: "RS-P02", listings: [{ platform: "JD", status: "LISTED" }, { platform: "JD", status: "DELISTED" }] }, "listings.1.platform"],
    ["a listing URL that is not http(s)", { code: "RS-P02", listings: [{ platform: "JD", status: "LISTED", url: "javascript:alert(1)" }] }, "listings.0.url"],
    ["an unknown supplier household", { code: "RS-P02", supplierHouseholdIds: [999_999] }, "supplierHouseholdIds"],
    ["an unknown sourcing station", { code: "RS-P02", stationId: 999_999 }, "stationId"],
  ])("refuses %s", async (_label, over, field) => {
    const before = await db.product.count();
    await expect(createProduct(f.staff, shiitake(over))).rejects.toMatchObject({ code: "VALIDATION", fields: { [field]: expect.anything() } });
    expect(await db.product.count()).toBe(before);
  });

  it("leaves catalog management to ADMIN/STAFF", async () => {
    await expectCode(createProduct(f.operatorA, shiitake({ code: "RS-OP" })), "FORBIDDEN");
    const p = await db.product.findUniqueOrThrow({ where: { code: "RS-P01" } });
    await expectCode(updateProduct(f.operatorA, p.id, { priceFen: 1 }), "FORBIDDEN");
    await expectCode(listProducts(f.viewer, {}), "FORBIDDEN");
  });

  it("updates fields and replaces listings and suppliers", async () => {
    const p = await db.product.findUniqueOrThrow({ where: { code: "RS-P01" } });
    const updated = await updateProduct(f.admin, p.id, { version: p.version, priceFen: 5_000, listings: [{ platform: "DOUYIN", status: "LISTED" }], supplierHouseholdIds: [hB.id] });
    expect(updated).toMatchObject({ priceFen: 5_000, name: "融水香菇", supplierCount: 1, listings: [expect.objectContaining({ platform: "DOUYIN" })] });
    const audit = await db.auditLog.findFirst({ where: { entity: "Product", entityId: String(p.id), action: "update" } });
    expect(audit?.before).toMatchObject({ priceFen: 4_500, supplierHouseholdIds: [hA.id, hB.id] });
    expect(audit?.after).toMatchObject({ priceFen: 5_000, supplierHouseholdIds: [hB.id] });
  });

  it("refuses a stale edit with 409 and the current product, and changes nothing", async () => {
    const p = await db.product.findUniqueOrThrow({ where: { code: "RS-P01" } });
    await updateProduct(f.staff, p.id, { version: p.version, name: "融水香菇（干）" });
    const stale = updateProduct(f.admin, p.id, { version: p.version, name: "另一个名字" });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT", details: { current: { name: "融水香菇（干）", version: p.version + 1 } } });
    expect((await db.product.findUniqueOrThrow({ where: { id: p.id } })).name).toBe("融水香菇（干）");
    await expect(updateProduct(f.staff, p.id, { name: "没有版本" })).rejects.toMatchObject({ code: "VALIDATION", fields: { version: expect.anything() } });
    await updateProduct(f.staff, p.id, { version: p.version + 1, name: "融水香菇" });
  });
});

describe("suppliers of a product with many", () => {
  it("adds and removes some suppliers without resending the list; an OPERATOR counts only their own", async () => {
    const p = await db.product.findUniqueOrThrow({ where: { code: "RS-P01" } });
    const more = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id });
    const updated = await updateProduct(f.staff, p.id, { version: p.version, addSupplierHouseholdIds: [hA.id, more.id, hB.id], removeSupplierHouseholdIds: [hB.id] });
    expect(updated.supplierCount).toBe(2);
    expect((await getProduct(f.staff, p.id)).suppliers.map((s) => s.id)).toEqual([hA.id, more.id]);
    expect((await getProduct(f.operatorB, p.id)).visibleSuppliers).toBe(0);
    await expect(updateProduct(f.staff, p.id, { version: updated.version, addSupplierHouseholdIds: [999_999] })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("product photo", () => {
  it("recognises JPEG, PNG and WebP by their bytes only", () => {
    expect([sniffImage(JPEG), sniffImage(PNG), sniffImage(WEBP)]).toEqual(["jpg", "png", "webp"]);
    expect(sniffImage(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffImage(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]))).toBeNull(); // GIF
  });

  it("stores an image under a random name, serves it, replaces the old file and removes it", async () => {
    const p = await db.product.findUniqueOrThrow({ where: { code: "RS-P01" } });
    const first = await setProductPhoto(f.staff, p.id, new Blob([PNG], { type: "image/png" }));
    expect(first.photoUrl).toMatch(/^\/api\/files\/products\/[0-9a-f]{32}\.png$/);
    expect(files()).toEqual([first.photoUrl!.split("/").pop()]);
    const served = await productPhoto(f.viewer, first.photoUrl!.split("/").pop()!);
    expect(served.contentType).toBe("image/png");
    expect(new Uint8Array(served.bytes)).toEqual(PNG);

    // A JPEG sent as "image/png" is stored as what it is.
    const second = await setProductPhoto(f.admin, p.id, new Blob([JPEG], { type: "image/png" }));
    expect(second.photoUrl).toMatch(/\.jpg$/);
    expect(files()).toEqual([second.photoUrl!.split("/").pop()]);
    await expectCode(productPhoto(f.staff, "../../etc/passwd"), "NOT_FOUND");
    await expectCode(productPhoto(f.staff, first.photoUrl!.split("/").pop()!), "NOT_FOUND");

    await removeProductPhoto(f.staff, p.id);
    expect(files()).toEqual([]);
    const audits = await db.auditLog.findMany({ where: { entity: "Product", entityId: String(p.id), action: { in: ["setPhoto", "removePhoto"] } } });
    expect(audits).toHaveLength(3);
  });

  it.each<[string, () => Blob | null, string]>([
    ["a text file named like an image", () => new Blob(["hello, not an image"], { type: "image/png" }), "products.errors.photoType"],
    ["an SVG", () => new Blob(["<svg xmlns='http://www.w3.org/2000/svg'/>"], { type: "image/svg+xml" }), "products.errors.photoType"],
    ["a PNG over 2 MB", () => new Blob([PNG, new Uint8Array(MAX_IMAGE_BYTES)], { type: "image/png" }), "products.errors.photoTooLarge"],
    ["an empty file", () => new Blob([]), "validation.required"],
    ["no file", () => null, "validation.required"],
  ])("refuses %s and writes nothing", async (_label, file, key) => {
    const p = await db.product.findUniqueOrThrow({ where: { code: "RS-P01" } });
    await expect(setProductPhoto(f.staff, p.id, file())).rejects.toMatchObject({ code: "VALIDATION", fields: { photo: { key } } });
    expect((await db.product.findUniqueOrThrow({ where: { id: p.id } })).photoPath).toBeNull();
    expect(files()).toEqual([]);
  });

  it("refuses photo changes to an OPERATOR", async () => {
    const p = await db.product.findUniqueOrThrow({ where: { code: "RS-P01" } });
    await expectCode(setProductPhoto(f.operatorA, p.id, new Blob([PNG])), "FORBIDDEN");
    expect(files()).toEqual([]);
  });
});
