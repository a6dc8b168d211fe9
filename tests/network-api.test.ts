// The /api/v1 routes of stations, coverage, products, sales and trainings, called as route handlers with a bearer
// token: status codes, the error shape, and the OPERATOR limits through the API.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/auth/tokens";
import * as stations from "@/app/api/v1/stations/route";
import * as station from "@/app/api/v1/stations/[id]/route";
import * as coverageRoute from "@/app/api/v1/coverage/route";
import * as products from "@/app/api/v1/products/route";
import * as photo from "@/app/api/v1/products/[id]/photo/route";
import * as files from "@/app/api/files/products/[name]/route";
import * as sales from "@/app/api/v1/sales/route";
import * as sale from "@/app/api/v1/sales/[id]/route";
import * as reversal from "@/app/api/v1/sales/[id]/reversal/route";
import * as trainings from "@/app/api/v1/trainings/route";
import { makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct, saleWrites } from "./network-helpers";

// No browser session here (next-auth's session lookup needs the Next.js runtime): callers use bearer tokens.
vi.mock("@/lib/auth/session", () => ({ currentViewer: async () => null }));

let f: Fixture;
const tokens: Record<string, string> = {};
let product: { id: number };
let hA: { id: number }, hB: { id: number };

beforeAll(async () => {
  f = await makeFixture();
  await db.user.updateMany({ data: { locale: "en" } }); // messages follow the signed-in user's language
  for (const who of ["admin", "staff", "viewer", "operatorA", "operatorB"] as const) {
    tokens[who] = (await createApiToken(f.admin, { name: who, userId: f[who].id })).secret;
  }
  product = await makeProduct(f);
  hA = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id, size: 4 });
  hB = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id, size: 2 });
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: unknown, who: string | null, opts: { method?: string; url?: string; body?: unknown; params?: Record<string, string>; form?: FormData } = {}) {
  const headers: Record<string, string> = { "Accept-Language": "en" };
  if (who) headers.Authorization = `Bearer ${tokens[who]}`;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  }
  const request = new Request(`http://test.local${opts.url ?? "/api/v1/x"}`, { method: opts.method ?? (body ? "POST" : "GET"), headers, body });
  const res = await (handler as Handler)(request, { params: Promise.resolve(opts.params ?? {}) });
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, body: type.includes("json") ? await res.json() : await res.arrayBuffer(), headers: res.headers };
}

const saleBody = (over: Record<string, unknown> = {}) => ({
  productId: product.id, stationId: f.stationA.id, channel: "PINDUODUO", date: "2020-07-01", quantity: 3, amountFen: 30_000,
  suppliers: [{ householdId: hA.id, payoutFen: 20_000 }], ...over,
});

describe("authentication and the error shape", () => {
  it("answers 401 without a token and 403 to a VIEWER", async () => {
    for (const handler of [stations.GET, sales.GET, products.GET, trainings.GET, coverageRoute.GET]) {
      const res = await call(handler, null);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
    }
    for (const handler of [stations.GET, sales.GET, products.GET, trainings.GET]) expect((await call(handler, "viewer")).status).toBe(403);
    expect((await call(coverageRoute.GET, "viewer")).status).toBe(200); // a county figure: every role reads it
  });

  it("answers 400 with field messages in the caller's language, and nothing written", async () => {
    const before = await saleWrites();
    const res = await call(sales.POST, "staff", { body: saleBody({ quantity: 0, amountFen: -1, channel: "AMAZON", suppliers: [{ householdId: 999_999, payoutFen: 1 }] }) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION");
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["amountFen", "channel", "quantity"]);
    expect(res.body.error.fields.quantity).toBe("Quantity must be more than 0.");
    const bad = await call(sales.POST, "staff", { body: "{not json" });
    expect(bad.status).toBe(400);
    const over = await call(sales.POST, "staff", { body: saleBody({ amountFen: 100 }) });
    expect(over.body.error.fields).toEqual({ suppliers: "Payouts add up to more than the sale amount." });
    const unknown = await call(sales.POST, "staff", { body: saleBody({ suppliers: [{ householdId: 999_999, payoutFen: 1 }] }) });
    expect(unknown.body.error.fields).toEqual({ "suppliers.0.householdId": "No such household." });
    expect(await saleWrites()).toEqual(before);
  });

  it("answers 404 for unknown ids and 400 with a field error for malformed ones (not an int4)", async () => {
    expect((await call(station.GET, "staff", { params: { id: "999999" } })).status).toBe(404);
    for (const id of ["abc", "1.5", "0", "99999999999"]) {
      const res = await call(station.GET, "staff", { params: { id } });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty("id");
    }
    expect((await call(sale.GET, "staff", { params: { id: "1.5" } })).status).toBe(400);
  });
});

describe("stations and coverage", () => {
  it("creates (201), refuses a duplicate code (400), edits with version, 409 on a stale version", async () => {
    const body = { code: "RS-API", name: "接口测试站", level: "TOWNSHIP", townshipId: f.township.id, operatorName: "测试", openedOn: "2020-01-01", services: ["PARCELS"] };
    const created = await call(stations.POST, "staff", { body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "RS-API", version: 1, coveredVillages: [] });
    const dup = await call(stations.POST, "admin", { body });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields).toEqual({ code: "Another station already uses this code." });

    const id = String(created.body.id);
    const ok = await call(station.PATCH, "staff", { method: "PATCH", params: { id }, body: { version: 1, status: "SUSPENDED", statusReason: "装修" } });
    expect(ok.status).toBe(200);
    const stale = await call(station.PATCH, "admin", { method: "PATCH", params: { id }, body: { version: 1, name: "x" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "CONFLICT", details: { current: { version: 2, status: "SUSPENDED" } } });
    const read = await call(station.GET, "staff", { params: { id } });
    expect(read.body).toMatchObject({ code: "RS-API", status: "SUSPENDED", activity: { sales: { count: 0 } } });
  });

  it("keeps an OPERATOR to their own station's contact details", async () => {
    const own = String(f.stationA.id);
    const current = (await call(station.GET, "operatorA", { params: { id: own } })).body;
    expect((await call(station.PATCH, "operatorA", { method: "PATCH", params: { id: own }, body: { version: current.version, phone: "13912345678" } })).status).toBe(200);
    const renamed = await call(station.PATCH, "operatorA", { method: "PATCH", params: { id: own }, body: { version: current.version + 1, name: "改名" } });
    expect(renamed.status).toBe(403);
    expect(renamed.body).toEqual({ error: { code: "FORBIDDEN", message: "You are not allowed to do this." } });
    expect((await call(station.PATCH, "operatorA", { method: "PATCH", params: { id: String(f.stationB.id) }, body: { version: 1, phone: "1" } })).status).toBe(403);
    expect((await call(station.GET, "operatorA", { params: { id: String(f.stationB.id) } })).status).toBe(403);
    expect((await call(stations.POST, "operatorA", { body: {} })).status).toBe(403);
    const list = await call(stations.GET, "operatorA", { url: "/api/v1/stations" });
    expect(list.body.items.map((s: { id: number }) => s.id)).toEqual([f.stationA.id]);
  });

  it("reports coverage with the uncovered villages and the township overview", async () => {
    const res = await call(coverageRoute.GET, "operatorB");
    expect(res.body).toMatchObject({ poorVillages: 2, covered: 2, percent: 100, uncoveredVillages: [], townships: [expect.objectContaining({ code: f.township.code, poorVillages: 2 })] });
  });
});

describe("sales over the API", () => {
  it("records (201) with ledger entries, warns ADMIN/STAFF about households outside coverage, reverses (201) once (409 after)", async () => {
    const res = await call(sales.POST, "staff", { body: saleBody({ suppliers: [{ householdId: hA.id, payoutFen: 20_000 }, { householdId: hB.id, payoutFen: 5_000 }] }) });
    expect(res.status).toBe(201);
    expect(res.body.sale).toMatchObject({ amountFen: 30_000, payoutFen: 25_000, quantity: 3, date: "2020-07-01" });
    expect(res.body.warnings).toEqual([expect.objectContaining({ code: "SUPPLIER_OUTSIDE_COVERAGE", householdId: hB.id, field: "suppliers.1.householdId", message: expect.stringContaining("outside") })]);
    const id = String(res.body.sale.id);
    const detail = await call(sale.GET, "staff", { params: { id } });
    expect(detail.body.incomeEntries.map((e: { householdId: number; amountFen: number }) => [e.householdId, e.amountFen])).toEqual([[hA.id, 20_000], [hB.id, 5_000]]);

    const noReason = await call(reversal.POST, "staff", { params: { id }, body: {} });
    expect(noReason.status).toBe(400);
    const reversed = await call(reversal.POST, "staff", { params: { id }, body: { reason: "重复录入" } });
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({ reversed: true, reversalReason: "重复录入" });
    const again = await call(reversal.POST, "admin", { params: { id }, body: { reason: "again" } });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: "CONFLICT", message: "This sale has already been reversed." });
  });

  it("refuses an OPERATOR a sale for another station or with another station's households (403, nothing written)", async () => {
    const before = await saleWrites();
    expect((await call(sales.POST, "operatorA", { body: saleBody({ stationId: f.stationB.id, suppliers: [] }) })).status).toBe(403);
    const foreign = await call(sales.POST, "operatorA", { body: saleBody({ suppliers: [{ householdId: hB.id, payoutFen: 100 }] }) });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toMatchObject({ code: "FORBIDDEN", fields: { "suppliers.0.householdId": expect.stringContaining("not served") } });
    expect(await saleWrites()).toEqual(before);
    const own = await call(sales.POST, "operatorA", { body: saleBody() });
    expect(own.status).toBe(201);
    expect(own.body.warnings).toEqual([]);
    const list = await call(sales.GET, "operatorA", { url: "/api/v1/sales?state=active" });
    expect(list.body.items.every((s: { station: { id: number } }) => s.station.id === f.stationA.id)).toBe(true);
    expect(list.body.totals).toMatchObject({ count: list.body.total });
    expect((await call(sales.GET, "operatorA", { url: `/api/v1/sales?stationId=${f.stationB.id}` })).status).toBe(403);
    expect((await call(reversal.POST, "operatorB", { params: { id: String(own.body.sale.id) }, body: { reason: "x" } })).status).toBe(403);
  });
});

describe("products, photos and trainings over the API", () => {
  it("creates a product, uploads a photo served only to signed-in users, refuses a non-image", async () => {
    const created = await call(products.POST, "staff", { body: { code: "RS-API-1", name: "紫黑糯米", category: "GRAIN", unit: "斤", priceFen: 1_500, listings: [{ platform: "WECHAT", status: "LISTED" }] } });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    process.env.UPLOADS_DIR = mkdtempSync(path.join(tmpdir(), "rongshui-api-"));
    onTestFinished(() => rmSync(process.env.UPLOADS_DIR!, { recursive: true, force: true }));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const form = new FormData();
    form.set("photo", new File([png], "rice.png", { type: "image/png" }));
    const uploaded = await call(photo.POST, "staff", { params: { id }, form });
    expect(uploaded.status).toBe(200);
    const name = uploaded.body.photoUrl.split("/").pop();
    const served = await call(files.GET, "viewer", { params: { name } });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(served.body)).toEqual(png);
    expect((await call(files.GET, null, { params: { name } })).status).toBe(401);

    const text = new FormData();
    text.set("photo", new File(["just text"], "fake.jpg", { type: "image/jpeg" }));
    const refused = await call(photo.POST, "staff", { params: { id }, form: text });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ photo: "Only JPEG, PNG or WebP images." });
    expect((await call(photo.POST, "operatorA", { params: { id }, form })).status).toBe(403);
  });

  it("records trainings (201) and keeps an OPERATOR to their station", async () => {
    const body = { stationId: f.stationA.id, date: "2020-03-03", topic: "直播带货", attendeeCount: 12, householdIds: [hA.id] };
    expect((await call(trainings.POST, "operatorA", { body })).status).toBe(201);
    expect((await call(trainings.POST, "operatorA", { body: { ...body, householdIds: [hB.id] } })).status).toBe(403);
    expect((await call(trainings.POST, "operatorB", { body })).status).toBe(403);
    const low = await call(trainings.POST, "staff", { body: { ...body, attendeeCount: 0 } });
    expect(low.status).toBe(400);
    const list = await call(trainings.GET, "staff", { url: "/api/v1/trainings" });
    expect(list.body.totals).toEqual({ sessions: 1, attendees: 12, households: 1 });
  });
});
