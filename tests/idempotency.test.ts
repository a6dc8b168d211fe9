// Idempotency-Key on the API's writes (lib/idempotency.ts): the same key twice writes once and answers the first
// result, the same key with another body is a 409, a refused request stores nothing, and concurrent repeats write
// once. On PostgreSQL (npm run test:pg) the concurrent repeats really run at once on separate connections; on
// PGlite (one session) they run one after another, and the file asserts the same outcome.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/auth/tokens";
import { idempotencyFor } from "@/lib/idempotency";
import { createIncomeEntry as createEntry } from "@/lib/income";
import { recordSale } from "@/lib/sales";
import type { Viewer } from "@/lib/auth/viewer";
import * as householdIncome from "@/app/api/v1/households/[id]/income/route";
import * as sales from "@/app/api/v1/sales/route";
import * as trainings from "@/app/api/v1/trainings/route";
import * as hardships from "@/app/api/v1/households/[id]/hardships/route";
import { makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct, saleWrites } from "./network-helpers";

vi.mock("@/lib/auth/session", () => ({ currentViewer: async () => null }));

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
let f: Fixture;
const tokens: Record<string, string> = {};
let product: { id: number };
let hA: { id: number }, hA2: { id: number }, hB: { id: number };
let serial = 0;
const newKey = () => `test-key-${Date.now().toString(36)}-${++serial}`;

beforeAll(async () => {
  f = await makeFixture();
  await db.user.updateMany({ data: { locale: "en" } });
  for (const who of ["staff", "operatorA", "operatorB"] as const) tokens[who] = (await createApiToken(f.admin, { name: who, userId: f[who].id })).secret;
  product = await makeProduct(f);
  hA = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id, size: 4 });
  hA2 = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id, size: 3 });
  hB = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id, size: 2 });
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function post(handler: unknown, who: string, url: string, body: unknown, key?: string, params: Record<string, string> = {}) {
  const headers: Record<string, string> = { "Accept-Language": "en", "Content-Type": "application/json", Authorization: `Bearer ${tokens[who]}` };
  if (key !== undefined) headers["Idempotency-Key"] = key;
  const request = new Request(`http://test.local${url}`, { method: "POST", headers, body: JSON.stringify(body) });
  const res = await (handler as Handler)(request, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json(), replayed: res.headers.get("idempotent-replayed") };
}

const incomeBody = (over: Record<string, unknown> = {}) => ({ date: "2020-05-01", category: "WAGE", source: "MIGRANT_WORK", amountFen: 150_000, ...over });
const postIncome = (who: string, householdId: number, body: unknown, key?: string) =>
  post(householdIncome.POST, who, `/api/v1/households/${householdId}/income`, body, key, { id: String(householdId) });
const saleBody = (over: Record<string, unknown> = {}) => ({
  productId: product.id, stationId: f.stationA.id, channel: "PINDUODUO", date: "2020-07-01", quantity: 3, amountFen: 30_000,
  suppliers: [{ householdId: hA.id, payoutFen: 12_000 }, { householdId: hA2.id, payoutFen: 8_000 }], ...over,
});
/** lib/ calls with a key, as the API route makes them. */
const recordSaleForTest = (viewer: Viewer, body: unknown, key: string) =>
  recordSale(viewer, body, { idempotency: idempotencyFor(key, viewer.id, "POST /api/v1/sales", body, 201) });
const createIncomeEntry = (viewer: Viewer, body: { householdId: number }, key: string) =>
  createEntry(viewer, body, { idempotency: idempotencyFor(key, viewer.id, `POST /api/v1/households/${body.householdId}/income`, body, 201) });
const entriesOf = (householdId: number) => db.incomeEntry.count({ where: { householdId } });

describe("the same key twice", () => {
  it("income: one ledger entry, the second answer is the first one (201, same id), marked as replayed", async () => {
    const key = newKey();
    const before = await entriesOf(hA.id);
    const first = await postIncome("operatorA", hA.id, incomeBody({ note: "外出务工" }), key);
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    const again = await postIncome("operatorA", hA.id, incomeBody({ note: "外出务工" }), key);
    expect(again.status).toBe(201);
    expect(again.replayed).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await entriesOf(hA.id)).toBe(before + 1);
    // The key is in the database with the write's answer (another process or a restart reads the same row).
    const row = await db.idempotencyKey.findUniqueOrThrow({ where: { userId_key: { userId: f.operatorA.id, key } } });
    expect(row).toMatchObject({ route: `POST /api/v1/households/${hA.id}/income`, status: 201 });
    expect((row.response as { id: number }).id).toBe(first.body.id);
    expect(await db.auditLog.count({ where: { entity: "IncomeEntry", entityId: String(first.body.id) } })).toBe(1);
  });

  it("the same body with its keys in another order is the same request", async () => {
    const key = newKey();
    const first = await postIncome("operatorA", hA.id, { amountFen: 1_000, source: "FARMING", category: "OPERATING", date: "2020-06-01" }, key);
    const again = await postIncome("operatorA", hA.id, { date: "2020-06-01", category: "OPERATING", source: "FARMING", amountFen: 1_000 }, key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
  });

  it("a sale with two suppliers: one sale, two payout entries, whatever the number of repeats", async () => {
    const key = newKey();
    const before = await saleWrites();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(sales.POST, "operatorA", "/api/v1/sales", saleBody(), key));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.sale.id)).size).toBe(1);
    const after = await saleWrites();
    expect(after.sales - before.sales).toBe(1);
    expect(after.suppliers - before.suppliers).toBe(2);
    expect(after.entries - before.entries).toBe(2);
    expect(after.audits - before.audits).toBe(1);
  });

  it("a training and a hardship report: written once", async () => {
    const tKey = newKey();
    const training = { stationId: f.stationA.id, date: "2024-03-01", topic: "网店运营", attendeeCount: 5, householdIds: [hA.id] };
    const t1 = await post(trainings.POST, "operatorA", "/api/v1/trainings", training, tKey);
    const t2 = await post(trainings.POST, "operatorA", "/api/v1/trainings", training, tKey);
    expect([t1.status, t2.status]).toEqual([201, 201]);
    expect(t2.body.id).toBe(t1.body.id);
    expect(await db.trainingSession.count({ where: { topic: "网店运营" } })).toBe(1);

    const hKey = newKey();
    const report = { type: "ILLNESS", date: "2024-02-01", amountFen: 500_000, note: "住院" };
    const r1 = await post(hardships.POST, "operatorA", `/api/v1/households/${hA.id}/hardships`, report, hKey, { id: String(hA.id) });
    const r2 = await post(hardships.POST, "operatorA", `/api/v1/households/${hA.id}/hardships`, report, hKey, { id: String(hA.id) });
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r2.body).toEqual(r1.body);
    expect(await db.hardship.count({ where: { householdId: hA.id } })).toBe(1);
  });

  it("without a key nothing changes: two posts are two entries", async () => {
    const before = await entriesOf(hA2.id);
    await postIncome("operatorA", hA2.id, incomeBody());
    await postIncome("operatorA", hA2.id, incomeBody());
    expect(await entriesOf(hA2.id)).toBe(before + 2);
  });
});

describe("a key reused for something else", () => {
  it("the same key with a different body is a 409 and writes nothing", async () => {
    const key = newKey();
    await postIncome("operatorA", hA.id, incomeBody({ amountFen: 2_000 }), key);
    const before = await entriesOf(hA.id);
    const res = await postIncome("operatorA", hA.id, incomeBody({ amountFen: 3_000 }), key);
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: "CONFLICT", message: "This Idempotency-Key was already used for a different request." });
    expect(await entriesOf(hA.id)).toBe(before);
  });

  it("the same key on another route (another household, or a sale) is a 409", async () => {
    const key = newKey();
    await postIncome("operatorA", hA.id, incomeBody({ amountFen: 4_000 }), key);
    expect((await postIncome("operatorA", hA2.id, incomeBody({ amountFen: 4_000 }), key)).status).toBe(409);
    expect((await post(sales.POST, "operatorA", "/api/v1/sales", saleBody(), key)).status).toBe(409);
  });

  it("keys belong to their user: another user's same key is a separate write", async () => {
    const key = newKey();
    const a = await postIncome("operatorA", hA.id, incomeBody({ amountFen: 5_000 }), key);
    const s = await postIncome("staff", hA.id, incomeBody({ amountFen: 5_000 }), key);
    expect([a.status, s.status]).toEqual([201, 201]);
    expect(s.body.id).not.toBe(a.body.id);
  });

  it("a malformed key is a 400 on the Idempotency-Key field and writes nothing", async () => {
    const before = await entriesOf(hA.id);
    for (const bad of ["short", "x".repeat(129), "with space 12345", "semi;colon-12345"]) {
      const res = await postIncome("operatorA", hA.id, incomeBody(), bad);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual({ "Idempotency-Key": "The Idempotency-Key must be 8 to 128 letters, digits or - _ . :" });
    }
    expect(await entriesOf(hA.id)).toBe(before);
  });
});

describe("a refused request stores nothing", () => {
  it("another station's household: 403 with the message, no key kept; the corrected request with the same key is written", async () => {
    const key = newKey();
    const refused = await postIncome("operatorA", hB.id, incomeBody(), key);
    expect(refused.status).toBe(403);
    expect(await db.idempotencyKey.count({ where: { key } })).toBe(0);
    const invalidSale = await post(sales.POST, "operatorA", "/api/v1/sales", saleBody({ suppliers: [{ householdId: hB.id, payoutFen: 1_000 }] }), newKey());
    expect(invalidSale.status).toBe(403);
    expect(invalidSale.body.error.fields["suppliers.0.householdId"]).toContain(String((await db.household.findUniqueOrThrow({ where: { id: hB.id } })).code));
    const fixed = await postIncome("operatorA", hA.id, incomeBody({ amountFen: 6_000 }), key);
    expect(fixed.status).toBe(201);
  });

  it("a validation error: 400 with field errors, no key kept", async () => {
    const key = newKey();
    const res = await postIncome("operatorA", hA.id, incomeBody({ amountFen: -5 }), key);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.amountFen).toBeTruthy();
    expect(await db.idempotencyKey.count({ where: { key } })).toBe(0);
  });

  it("a deactivated product refuses the sale (400 on productId); a replay of a sale accepted before still answers it", async () => {
    const key = newKey();
    const first = await post(sales.POST, "operatorA", "/api/v1/sales", saleBody({ date: "2020-08-01" }), key);
    expect(first.status).toBe(201);
    await db.product.update({ where: { id: product.id }, data: { active: false } });
    try {
      const refused = await post(sales.POST, "operatorA", "/api/v1/sales", saleBody({ date: "2020-08-02" }), newKey());
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.error.fields)).toEqual(["productId"]);
      const replay = await post(sales.POST, "operatorA", "/api/v1/sales", saleBody({ date: "2020-08-01" }), key);
      expect(replay.status).toBe(201);
      expect(replay.body.sale.id).toBe(first.body.sale.id);
    } finally {
      await db.product.update({ where: { id: product.id }, data: { active: true } });
    }
  });
});

describe(onPostgres ? "concurrent repeats on PostgreSQL" : "repeats one after another on PGlite (one session)", () => {
  const N = 12;
  async function all<T>(calls: Array<() => Promise<T>>): Promise<T[]> {
    if (onPostgres) return Promise.all(calls.map((c) => c()));
    const out: T[] = [];
    for (const c of calls) out.push(await c());
    return out;
  }

  it(`${N} copies of one income write with one key: one entry, every answer the same`, async () => {
    const key = newKey();
    const before = await entriesOf(hA2.id);
    const answers = await all(Array.from({ length: N }, () => () => postIncome("operatorA", hA2.id, incomeBody({ amountFen: 7_777 }), key)));
    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await entriesOf(hA2.id)).toBe(before + 1);
    expect(await db.idempotencyKey.count({ where: { key } })).toBe(1);
  });

  it(`${N} copies of one sale with one key through lib/ directly: one sale and its two payouts`, async () => {
    const key = newKey();
    const before = await saleWrites();
    const answers = await all(Array.from({ length: N }, () => () => recordSaleForTest(f.operatorA, saleBody({ date: "2020-09-09" }), key)));
    expect(new Set(answers.map((a) => a.sale.id)).size).toBe(1);
    const after = await saleWrites();
    expect([after.sales - before.sales, after.suppliers - before.suppliers, after.entries - before.entries]).toEqual([1, 2, 2]);
  });

  it(`${N} different keys are ${N} writes (the guard does not serialise unrelated writes into one)`, async () => {
    const before = await entriesOf(hA.id);
    await all(Array.from({ length: N }, (_, i) => () => createIncomeEntry(f.operatorA, { ...incomeBody({ amountFen: 100 + i }), householdId: hA.id }, newKey())));
    expect(await entriesOf(hA.id)).toBe(before + N);
  });
});
