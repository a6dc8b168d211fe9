// The holes found when the app was attacked (issue #8), each shut at the edge or in the input primitives:
// inputs that crashed requests with a 500, cookie-authenticated writes from a foreign Origin, methods outside HTTP's
// usual set, and LIKE wildcards in searches.
import { beforeAll, describe, expect, it, vi } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/auth/tokens";
import type { Viewer } from "@/lib/auth/viewer";
import { listAuditLog } from "@/lib/audit-log";
import { listIncomeEntries, createIncomeEntry } from "@/lib/income";
import { getHousehold, searchHouseholds } from "@/lib/households";
import { listProducts } from "@/lib/products";
import { listStations, updateStation } from "@/lib/stations";
import { listSales } from "@/lib/sales";
import { searchSupplierHouseholds } from "@/lib/sales/suppliers";
import { listTrainings } from "@/lib/trainings";
import { hasBadCharacters } from "@/lib/validation/primitives";
import { makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct } from "./network-helpers";

// The signed-in browser session of these tests: whoever `cookieViewer` holds (null: no session).
const session = vi.hoisted(() => ({ cookieViewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", () => ({ currentViewer: async () => session.cookieViewer }));

const households = await import("@/app/api/v1/households/route");
const household = await import("@/app/api/v1/households/[id]/route");
const householdIncome = await import("@/app/api/v1/households/[id]/income/route");
const income = await import("@/app/api/v1/income/route");
const auditLog = await import("@/app/api/v1/audit-log/route");
const sales = await import("@/app/api/v1/sales/route");
const products = await import("@/app/api/v1/products/route");
const stations = await import("@/app/api/v1/stations/route");
const station = await import("@/app/api/v1/stations/[id]/route");
const trainings = await import("@/app/api/v1/trainings/route");
const overview = await import("@/app/api/v1/overview/route");
const progress = await import("@/app/api/v1/progress/route");
const { proxy } = await import("@/proxy");

let f: Fixture;
let token: string;
let hA: { id: number; code: string };

beforeAll(async () => {
  f = await makeFixture();
  await db.user.updateMany({ data: { locale: "en" } });
  token = (await createApiToken(f.admin, { name: "edge", userId: f.staff.id })).secret;
  await makeProduct(f);
  hA = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id });
  await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id });
  await createIncomeEntry(f.staff, { householdId: hA.id, date: "2020-03-01", category: "WAGE", source: "MIGRANT_WORK", amountFen: 1_000 });
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: unknown, opts: { method?: string; path?: string; body?: BodyInit; json?: unknown; params?: Record<string, string>; headers?: Record<string, string>; bearer?: boolean } = {}) {
  const headers: Record<string, string> = { "Accept-Language": "en", ...opts.headers };
  if (opts.bearer !== false) headers.Authorization = `Bearer ${token}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = typeof opts.json === "string" ? opts.json : JSON.stringify(opts.json);
  }
  const request = new Request(`http://app.local${opts.path ?? "/api/v1/x"}`, { method: opts.method ?? (body ? "POST" : "GET"), headers, body });
  const res = await (handler as Handler)(request, { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, headers: res.headers, body: (res.headers.get("content-type") ?? "").includes("json") ? await res.json() : await res.text() };
}

const newHousehold = (over: Record<string, unknown> = {}) => ({
  code: `EDGE-${Math.random().toString(36).slice(2, 8)}`, villageId: f.villageA.id, stationId: f.stationA.id, headName: "示例户主", size: 2,
  type: "GENERAL", registeredYear: 2016, ...over,
});

describe("inputs that used to crash with a 500 are a 400 with a field error, and change nothing", () => {
  it.each([
    ["a NUL in headName", { headName: "梁\u0000老四" }, "headName"],
    ["a lone high surrogate in headName", { headName: "梁\uD800老四" }, "headName"],
    ["a lone low surrogate in headName", { headName: "\uDC00" }, "headName"],
  ])("JSON with %s", async (_label, over, field) => {
    const before = await db.household.count();
    const res = await call(households.POST, { json: newHousehold(over) });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty(field);
    expect(await db.household.count()).toBe(before);
  });

  it("refuses a NUL in an income note (as a JSON escape) and writes nothing", async () => {
    const before = await db.incomeEntry.count();
    const res = await call(householdIncome.POST, {
      params: { id: String(hA.id) },
      json: '{"date":"2020-04-01","category":"WAGE","source":"MIGRANT_WORK","amountFen":100,"note":"a\\u0000b"}',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty("note");
    expect(await db.incomeEntry.count()).toBe(before);
  });

  it("refuses invalid UTF-8 in a JSON body instead of storing mojibake", async () => {
    const before = await db.household.count();
    const json = new TextEncoder().encode(JSON.stringify(newHousehold({ headName: "XX" })));
    const at = json.indexOf(0x58); // the first "X" of the name becomes a byte that is not UTF-8
    json[at] = 0xff;
    const res = await call(households.POST, { body: json, headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/UTF-8/);
    expect(await db.household.count()).toBe(before);
  });

  it("refuses a JSON body over 1 MB with 413", async () => {
    const res = await call(households.POST, { json: newHousehold({ headName: "x".repeat(1_100_000) }) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("TOO_LARGE");
  });

  it.each([
    ["households ?q=", households.GET, "q=%00"],
    ["households ?q= (broken UTF-8)", households.GET, "q=%ED%A0%80"],
    ["income ?q=", income.GET, "q=a%00"],
    ["audit-log ?entity=", auditLog.GET, "entity=%00"],
    ["audit-log ?actor=", auditLog.GET, "actor=%ED%A0%80x"],
  ])("refuses NUL or a lone surrogate in %s with 400", async (_label, handler, query) => {
    session.cookieViewer = null;
    const adminToken = (await createApiToken(f.admin, { name: "edge-admin", userId: f.admin.id })).secret;
    const res = await call(handler, { path: `/api/v1/x?${query}`, headers: { Authorization: `Bearer ${adminToken}` }, bearer: false });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION");
  });

  it.each([
    ["sales", "stationId", sales.GET],
    ["sales", "productId", sales.GET],
    ["products", "stationId", products.GET],
    ["stations", "townshipId", stations.GET],
    ["trainings", "stationId", trainings.GET],
    ["households", "villageId", households.GET],
    ["income", "householdId", income.GET],
  ])("refuses an id above the 32-bit range in the %s filter %s", async (_label, param, handler) => {
    const res = await call(handler, { path: `/api/v1/x?${param}=99999999999` });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty(param);
  });

  it("refuses such ids in a path and in updateStation's townshipId", async () => {
    const res = await call(household.GET, { params: { id: "99999999999" } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty("id");
    await expect(getHousehold(f.staff, 99_999_999_999)).rejects.toMatchObject({ code: "VALIDATION", fields: { id: expect.anything() } });
    const s = await db.station.findUniqueOrThrow({ where: { id: f.stationA.id } });
    const patched = await call(station.PATCH, { method: "PATCH", params: { id: String(s.id) }, json: { version: s.version, townshipId: 99_999_999_999 } });
    expect(patched.status).toBe(400);
    expect(patched.body.error.fields).toHaveProperty("townshipId");
    await expect(updateStation(f.staff, s.id, { version: s.version, townshipId: "99999999999" })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("knows a NUL and a lone surrogate from ordinary text", () => {
    expect(hasBadCharacters("融水香菇 😀 ok")).toBe(false);
    expect(hasBadCharacters("a\u0000")).toBe(true);
    expect(hasBadCharacters("\uD83D")).toBe(true);
    expect(hasBadCharacters("\uDE00x")).toBe(true);
  });
});

describe("an empty optional filter means 'not set', everywhere", () => {
  it.each([
    ["overview", () => overview.GET, "station=&from=&to=&year="],
    ["progress", () => progress.GET, "year=&level=&parent="],
    ["households", () => households.GET, "q=&stationId=&villageId=&status=&type=&cause=&exitYear=&sort=&dir=&page=&pageSize="],
    ["income", () => income.GET, "q=&householdId=&stationId=&category=&source=&from=&to=&page=&pageSize="],
    ["sales", () => sales.GET, "stationId=&productId=&householdId=&channel=&from=&to=&state=&page="],
    ["stations", () => stations.GET, "townshipId=&level=&status=&service=&q=&page="],
    ["products", () => products.GET, "q=&category=&stationId=&platform=&active="],
    ["trainings", () => trainings.GET, "stationId=&from=&to=&page="],
  ])("%s answers 200 with every filter left empty", async (_label, handler, query) => {
    const res = await call(handler(), { path: `/api/v1/x?${query}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});

describe("cookie-authenticated API writes from a foreign Origin", () => {
  const evil = { Origin: "http://evil.example" };

  it("refuses them with 403 and writes nothing, whatever the content type", async () => {
    session.cookieViewer = f.staff;
    const before = await db.household.count();
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "application/json"]) {
      const res = await call(households.POST, { bearer: false, body: JSON.stringify(newHousehold()), headers: { ...evil, "Content-Type": contentType } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    // No Origin but a foreign Referer, and neither at all (a cookie write must say where it comes from).
    expect((await call(households.POST, { bearer: false, json: newHousehold(), headers: { Referer: "http://evil.example/page" } })).status).toBe(403);
    expect((await call(households.POST, { bearer: false, json: newHousehold() })).status).toBe(403);
    expect(await db.household.count()).toBe(before);
    session.cookieViewer = null;
  });

  it("accepts them from the app's own origin, and bearer-token calls from anywhere", async () => {
    session.cookieViewer = f.staff;
    const own = await call(households.POST, { bearer: false, json: newHousehold(), headers: { Origin: "http://app.local" } });
    expect(own.status).toBe(201);
    const proxied = await call(households.POST, { bearer: false, json: newHousehold(), headers: { Origin: "https://rongshui.example", "X-Forwarded-Host": "rongshui.example" } });
    expect(proxied.status).toBe(201);
    session.cookieViewer = null;
    expect((await call(households.POST, { json: newHousehold(), headers: evil })).status).toBe(201);
    // Reads are not writes: a GET with a foreign Origin is answered (the browser keeps the answer from the page).
    session.cookieViewer = f.staff;
    expect((await call(households.GET, { bearer: false, headers: evil })).status).toBe(200);
    session.cookieViewer = null;
  });

  it("answers every API response with Cache-Control: no-store", async () => {
    const res = await call(household.GET, { params: { id: String(hA.id) } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await call(household.GET, { params: { id: "0" } })).headers.get("cache-control")).toBe("no-store");
  });
});

describe("the edge (proxy.ts)", () => {
  const request = (method: string, path: string, headers: Record<string, string> = {}) => new NextRequest(`http://app.local${path}`, { method, headers });

  it("answers TRACE and made-up methods with 405, not 500 (the guard in front of Next, scripts/method-guard.mjs)", async () => {
    const { refuseUnusualMethod } = await import("../scripts/method-guard.mjs");
    // A real HTTP server with the guard in front of a stand-in for Next: fetch cannot send TRACE, node:http can.
    const server = http.createServer((req, res) => {
      if (!refuseUnusualMethod(req, res)) res.end("next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const send = (method: string, path: string) =>
      new Promise<{ status: number; allow?: string; body: string }>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, method, path }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
        });
        req.on("error", reject);
        req.end();
      });
    try {
      for (const method of ["TRACE", "PROPFIND"]) {
        const res = await send(method, "/api/v1/households");
        expect(res.status).toBe(405);
        expect(res.allow).toContain("GET");
        expect(JSON.parse(res.body).error.code).toBe("METHOD_NOT_ALLOWED");
      }
      expect((await send("TRACE", "/")).status).toBe(405);
      expect(await send("PATCH", "/api/v1/households")).toMatchObject({ status: 200, body: "next" });
    } finally {
      server.close();
    }
  });

  it("refuses a server action from a foreign Origin with 403; lets the app's own through", async () => {
    const evil = proxy(request("POST", "/households/new", { "Next-Action": "abc123", Origin: "http://evil.example", Cookie: "authjs.session-token=x" }));
    expect(evil.status).toBe(403);
    const own = proxy(request("POST", "/households/new", { "Next-Action": "abc123", Origin: "http://app.local", Cookie: "authjs.session-token=x" }));
    expect(own.status).toBe(200);
    expect(own.headers.get("x-middleware-next")).toBe("1");
  });

  it("still sends visitors without a session to the sign-in page, and leaves the API to answer 401 itself", async () => {
    const page = proxy(request("GET", "/households"));
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("http://app.local/login");
    expect(proxy(request("GET", "/api/v1/me")).headers.get("x-middleware-next")).toBe("1");
    expect(proxy(request("GET", "/login")).headers.get("x-middleware-next")).toBe("1");
  });
});

describe("LIKE wildcards in searches match only themselves", () => {
  it.each(["%", "_", "%_%_", "\\"])("q=%s finds nothing where no name holds it", async (q) => {
    expect((await listIncomeEntries(f.staff, { q })).total).toBe(0);
    expect((await listProducts(f.staff, { q })).items).toEqual([]);
    expect((await listStations(f.staff, { q })).total).toBe(0);
    expect(await searchHouseholds(f.staff, { q })).toEqual([]);
    expect(await searchSupplierHouseholds(f.staff, { q })).toEqual([]);
    expect((await listAuditLog(f.admin, { actor: q })).total).toBe(0);
  });

  it("still finds what the text matches", async () => {
    expect((await listIncomeEntries(f.staff, { q: hA.code })).total).toBe(1);
    expect((await listStations(f.staff, { q: "RS-" })).total).toBe(2);
    expect((await listAuditLog(f.admin, { actor: "staff" })).total).toBeGreaterThan(0);
    expect((await listSales(f.staff, {})).total).toBe(0);
    expect((await listTrainings(f.staff, {})).total).toBe(0);
  });
});
