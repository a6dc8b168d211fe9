// The route × role table: every /api route file, every exported method, called by every kind of caller (anonymous,
// malformed and revoked tokens, VIEWER, an OPERATOR on their own station and on another, STAFF, ADMIN), and each
// answer compared with what the policy table (lib/auth/policy.ts) says. A route without a policy action, a
// station-bound route without a way to aim it at another station, or any 500 fails this file.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { POLICY, can, type Action } from "@/lib/auth/policy";
import { createIncomeEntry } from "@/lib/income";
import { recordSale } from "@/lib/sales";
import { openCase } from "@/lib/monitoring";
import type { Viewer } from "@/lib/auth/viewer";
import { makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct } from "./network-helpers";

// No browser session here (next-auth needs the Next.js runtime): callers use bearer tokens.
vi.mock("@/lib/auth/session", () => ({ currentViewer: async () => null }));

const API_DIR = path.join(process.cwd(), "app", "api");
/** Routes outside the policy on purpose: next-auth's own handlers, the health probe, the public API description. */
const PUBLIC_ROUTES = new Set(["auth/[...nextauth]", "health", "v1/openapi.json"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}
const ROUTES = routeFiles(API_DIR).map((file) => ({ file, key: path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/") })).sort((a, b) => a.key.localeCompare(b.key));

type Side = "A" | "B";
type Callers = "anonymous" | "malformed" | "revoked" | "VIEWER" | "OPERATOR own" | "OPERATOR other" | "STAFF" | "ADMIN";
const CALLERS: Callers[] = ["anonymous", "malformed", "revoked", "VIEWER", "OPERATOR own", "OPERATOR other", "STAFF", "ADMIN"];

let f: Fixture;
const tokens: Record<string, string> = {};
const ids: Record<string, Record<Side, number | string>> = {};

beforeAll(async () => {
  f = await makeFixture();
  await db.user.updateMany({ data: { locale: "en" } });
  for (const who of ["admin", "staff", "viewer", "operatorA", "operatorB"] as const) tokens[who] = (await createApiToken(f.admin, { name: who, userId: f[who].id })).secret;
  const revoked = await createApiToken(f.admin, { name: "revoked", userId: f.admin.id });
  await revokeApiToken(f.admin, revoked.id);
  tokens.revoked = revoked.secret;
  const product = await makeProduct(f);
  const hA = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id });
  const hB = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id });
  const entry = (h: { id: number }) => createIncomeEntry(f.staff, { householdId: h.id, date: "2020-03-01", category: "WAGE", source: "MIGRANT_WORK", amountFen: 10_000 });
  const [eA, eB] = [await entry(hA), await entry(hB)];
  const sale = (stationId: number, h: { id: number }) =>
    recordSale(f.staff, { productId: product.id, stationId, channel: "TAOBAO", date: "2020-04-01", quantity: 1, amountFen: 5_000, suppliers: [{ householdId: h.id, payoutFen: 1_000 }] });
  const [sA, sB] = [await sale(f.stationA.id, hA), await sale(f.stationB.id, hB)];
  ids.household = { A: hA.id, B: hB.id };
  ids.entry = { A: eA.id, B: eB.id };
  ids.sale = { A: sA.sale.id, B: sB.sale.id };
  ids.station = { A: f.stationA.id, B: f.stationB.id };
  ids.stationCode = { A: f.stationA.code, B: f.stationB.code };
  ids.village = { A: f.villageA.id, B: f.villageB.id };
  ids.villageCode = { A: f.villageA.code, B: f.villageB.code };
  ids.product = { A: product.id, B: product.id };
  const monitoringCase = (h: { id: number }) => openCase(f.staff, { householdId: h.id, type: "MARGINAL", riskTypes: ["INCOME_DROP"], openedOn: "2024-01-02" });
  ids.case = { A: (await monitoringCase(hA)).id, B: (await monitoringCase(hB)).id };
});

type Request0 = { query?: string; params?: Record<string, string>; body?: unknown };

/**
 * The action each route method takes (the review point: a route that drifts to a weaker action fails here), and how
 * to aim each route at station A or B: path ids of that station's records, a station filter, or a body naming
 * the station. A route whose action is station-bound must have an entry here that aims it (`aims: true`), or say
 * why it cannot be aimed (`aims: false`: e.g. an import file, whose rows are checked one by one).
 */
const REQUESTS: Record<string, { actions: Partial<Record<(typeof METHODS)[number], Action>>; aims: boolean; build: (s: Side) => Request0 }> = {
  "files/products/[name]": { actions: { GET: "photos.read" }, aims: false, build: () => ({ params: { name: "0000000000000000.png" } }) },
  "v1/[...unknown]": { actions: { GET: "me.read", POST: "me.read", PUT: "me.read", PATCH: "me.read", DELETE: "me.read" }, aims: false, build: () => ({ params: { unknown: ["nothing", "here"] } as unknown as Record<string, string> }) },
  "v1/audit-log": { actions: { GET: "audit.read" }, aims: false, build: () => ({}) },
  "v1/coverage": { actions: { GET: "coverage.read" }, aims: false, build: () => ({}) },
  "v1/households": { actions: { GET: "households.read", POST: "households.create" },
    aims: true,
    build: (s) => ({
      query: `stationId=${ids.station[s]}`,
      body: { code: `POL-${s}-${Math.random().toString(36).slice(2, 8)}`, villageId: ids.village[s], stationId: ids.station[s], headName: "示例户主", size: 2, type: "GENERAL", registeredYear: 2016 },
    }),
  },
  "v1/households/[id]": { actions: { GET: "households.read", PATCH: "households.update" }, aims: true, build: (s) => ({ params: { id: String(ids.household[s]) }, body: { version: 1, headName: "示例改名" } }) },
  "v1/households/[id]/assessment": { actions: { GET: "households.read" }, aims: true, build: (s) => ({ params: { id: String(ids.household[s]) }, query: "year=2020" }) },
  "v1/households/[id]/income": { actions: { GET: "income.read", POST: "income.create" },
    aims: true,
    build: (s) => ({ params: { id: String(ids.household[s]) }, body: { date: "2020-05-01", category: "WAGE", source: "MIGRANT_WORK", amountFen: 100 } }),
  },
  "v1/households/[id]/hardships": { actions: { GET: "monitoring.read", POST: "hardships.report" }, aims: true, build: (s) => ({ params: { id: String(ids.household[s]) }, body: { type: "ILLNESS", date: "2024-03-01", amountFen: 100_000 } }) },
  "v1/households/[id]/status": { actions: { POST: "households.changeStatus" }, aims: false, build: (s) => ({ params: { id: String(ids.household[s]) }, body: { toStatus: "EXITED", reason: "测试" } }) },
  "v1/households/export": { actions: { GET: "households.export" }, aims: true, build: (s) => ({ query: `stationId=${ids.station[s]}&format=csv` }) },
  "v1/households/import": { actions: { POST: "households.import" }, aims: false, build: () => ({ body: "户编号,村\n" }) },
  "v1/households/import/template": { actions: { GET: "households.import" }, aims: false, build: () => ({ query: "format=csv" }) },
  "v1/households/search": { actions: { GET: "households.read" }, aims: false, build: () => ({ query: "q=T-" }) },
  "v1/income": { actions: { GET: "income.read" }, aims: true, build: (s) => ({ query: `stationId=${ids.station[s]}` }) },
  "v1/income/[id]": { actions: { GET: "income.read" }, aims: true, build: (s) => ({ params: { id: String(ids.entry[s]) } }) },
  "v1/income/[id]/reversal": { actions: { POST: "income.reverse" }, aims: true, build: (s) => ({ params: { id: String(ids.entry[s]) }, body: { reason: "测试冲正" } }) },
  "v1/income/export": { actions: { GET: "income.export" }, aims: true, build: (s) => ({ query: `stationId=${ids.station[s]}&format=csv` }) },
  "v1/income/import": { actions: { POST: "income.import" }, aims: false, build: () => ({ body: "户编号,日期,金额\n" }) },
  "v1/income/import/template": { actions: { GET: "income.import" }, aims: false, build: () => ({ query: "format=csv" }) },
  "v1/me": { actions: { GET: "me.read" }, aims: false, build: () => ({}) },
  "v1/me/password": { actions: { POST: "me.update" }, aims: false, build: () => ({ body: { currentPassword: "wrong", newPassword: "x", confirmPassword: "y" } }) },
  "v1/monitoring/cases": { actions: { GET: "monitoring.read", POST: "monitoring.manage" },
    aims: true,
    build: (s) => ({ query: `station=${ids.stationCode[s]}`, body: { householdId: ids.household[s], type: "MARGINAL", riskTypes: ["ILLNESS"], openedOn: "2024-02-01" } }),
  },
  "v1/monitoring/cases/[id]": { actions: { GET: "monitoring.read", PATCH: "monitoring.manage" },
    aims: true,
    build: (s) => ({ params: { id: String(ids.case[s]) }, body: { action: "measure", kind: "ECOMMERCE", date: "2024-02-03", stationId: ids.station[s], actor: "站长" } }),
  },
  "v1/monitoring/summary": { actions: { GET: "monitoring.read" }, aims: true, build: (s) => ({ query: `year=2024&station=${ids.stationCode[s]}` }) },
  "v1/monitoring/warnings": { actions: { GET: "monitoring.read" }, aims: true, build: (s) => ({ query: `year=2024&level=household&station=${ids.stationCode[s]}` }) },
  "v1/overview": { actions: { GET: "progress.read" }, aims: true, build: (s) => ({ query: `station=${ids.stationCode[s]}` }) },
  "v1/products": { actions: { GET: "products.read", POST: "products.manage" }, aims: false, build: () => ({ body: { code: "POL-P", name: "示例产品", category: "TEA", unit: "斤", priceFen: 100 } }) },
  "v1/products/[id]": { actions: { GET: "products.read", PATCH: "products.manage" }, aims: false, build: (s) => ({ params: { id: String(ids.product[s]) }, body: { version: 1, priceFen: 200 } }) },
  "v1/products/[id]/photo": { actions: { POST: "products.manage", DELETE: "products.manage" }, aims: false, build: (s) => ({ params: { id: String(ids.product[s]) } }) },
  "v1/progress": { actions: { GET: "progress.read" }, aims: true, build: (s) => ({ query: `year=2020&level=household&parent=${ids.villageCode[s]}` }) },
  "v1/reports": { actions: { GET: "reports.read" }, aims: true, build: (s) => ({ query: `kind=annual&year=2020&station=${ids.stationCode[s]}` }) },
  "v1/sales": { actions: { GET: "sales.read", POST: "sales.create" },
    aims: true,
    build: (s) => ({
      query: `stationId=${ids.station[s]}`,
      body: { productId: ids.product[s], stationId: ids.station[s], channel: "JD", date: "2020-06-01", quantity: 1, amountFen: 100, suppliers: [] },
    }),
  },
  "v1/sales/[id]": { actions: { GET: "sales.read" }, aims: true, build: (s) => ({ params: { id: String(ids.sale[s]) } }) },
  "v1/sales/[id]/reversal": { actions: { POST: "sales.reverse" }, aims: true, build: (s) => ({ params: { id: String(ids.sale[s]) }, body: { reason: "测试冲正" } }) },
  "v1/stations": { actions: { GET: "stations.read", POST: "stations.create" }, aims: true, build: (s) => ({ query: `stationId=${ids.station[s]}`, body: { code: "POL-ST", name: "示例站", level: "TOWNSHIP", townshipId: 1, operatorName: "站长", openedOn: "2020-01-01", services: ["PARCELS"] } }) },
  "v1/stations/[id]": { actions: { GET: "stations.read", PATCH: "stations.update" }, aims: true, build: (s) => ({ params: { id: String(ids.station[s]) }, body: { version: 1, phone: "0772-5123456" } }) },
  "v1/trainings": { actions: { GET: "trainings.read", POST: "trainings.create" }, aims: true, build: (s) => ({ query: `stationId=${ids.station[s]}`, body: { stationId: ids.station[s], date: "2020-06-01", topic: "网店运营", attendeeCount: 3 } }) },
  "v1/users/[id]": { actions: { GET: "users.manage", PATCH: "users.manage" }, aims: false, build: () => ({ params: { id: String(f.viewer.id) }, body: { role: "VIEWER" } }) },
  "v1/users/[id]/password": { actions: { POST: "users.manage" }, aims: false, build: () => ({ params: { id: String(f.viewer.id) }, body: { password: "short" } }) },
  "v1/users": { actions: { GET: "users.manage", POST: "users.manage" }, aims: false, build: () => ({ body: { email: "pol@test.example", name: "示例", password: "a-long-password-1", role: "VIEWER" } }) },
};

function authHeader(caller: Callers): string | null {
  switch (caller) {
    case "anonymous": return null;
    case "malformed": return "Bearer not-a-token";
    case "revoked": return `Bearer ${tokens.revoked}`;
    case "VIEWER": return `Bearer ${tokens.viewer}`;
    case "OPERATOR own":
    case "OPERATOR other": return `Bearer ${tokens.operatorA}`;
    case "STAFF": return `Bearer ${tokens.staff}`;
    case "ADMIN": return `Bearer ${tokens.admin}`;
  }
}

function viewerOf(caller: Callers): Viewer | null {
  return { VIEWER: f.viewer, "OPERATOR own": f.operatorA, "OPERATOR other": f.operatorA, STAFF: f.staff, ADMIN: f.admin }[caller as string] ?? null;
}

/** The policy's answer: 401 for no valid credentials, 403 when the role may not, or the station is another's. */
function expected(caller: Callers, action: Action, aims: boolean): "401" | "403" | "allowed" {
  const viewer = viewerOf(caller);
  if (!viewer) return "401";
  const target = caller === "OPERATOR other" && aims ? { stationId: f.stationB.id } : caller === "OPERATOR own" && aims ? { stationId: f.stationA.id } : undefined;
  return can(viewer, action, target) ? "allowed" : "403";
}

type Handler = ((request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>) & { policyAction?: Action };

const cells: { route: string; method: string; caller: Callers; want: string; got: number }[] = [];

describe("every /api route × every caller answers as the policy table says", () => {
  it("finds the route files", () => {
    expect(ROUTES.length).toBeGreaterThan(30);
  });

  for (const { file, key } of ROUTES) {
    if (PUBLIC_ROUTES.has(key)) continue;
    it(`${key}`, async () => {
      const mod = (await import(file)) as Record<string, Handler>;
      const methods = METHODS.filter((m) => typeof mod[m] === "function");
      expect(methods.length, `${key} exports no HTTP method`).toBeGreaterThan(0);
      const spec = REQUESTS[key];
      expect(spec, `${key}: add it to REQUESTS (how to call it, and whether it can be aimed at another station)`).toBeDefined();
      for (const method of methods) {
        const handler = mod[method];
        const action = handler.policyAction;
        expect(action && action in POLICY, `${method} ${key} has no policy action (use apiRoute(action, …))`).toBe(true);
        expect(action, `${method} ${key} takes ${action}; REQUESTS says ${spec.actions[method]}`).toBe(spec.actions[method]);
        const stationBound = (POLICY[action!] as { station?: string }).station === "own";
        // A station-bound route that cannot be aimed by its request (an import file, a search) is scoped inside its
        // lib/ function, which the domain tests check; here its role gate is compared.
        for (const caller of CALLERS) {
          const side: Side = caller === "OPERATOR other" ? "B" : "A";
          const req = spec.build(side);
          const headers: Record<string, string> = { "Accept-Language": "en" };
          const auth = authHeader(caller);
          if (auth) headers.Authorization = auth;
          let body: BodyInit | undefined;
          if (method !== "GET" && method !== "DELETE" && req.body !== undefined) {
            if (typeof req.body === "string") {
              headers["Content-Type"] = "text/csv";
              body = req.body;
            } else {
              headers["Content-Type"] = "application/json";
              body = JSON.stringify(req.body);
            }
          }
          const url = `http://test.local/api/${key}${req.query ? `?${req.query}` : ""}`;
          const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(req.params ?? {}) });
          const want = expected(caller, action!, spec.aims && stationBound);
          cells.push({ route: key, method, caller, want, got: res.status });
          const where = `${method} ${key} as ${caller} (${action}) → ${res.status}`;
          expect(res.status, `${where}: never a 500`).toBeLessThan(500);
          if (want === "allowed") expect([401, 403], `${where}: the policy allows it`).not.toContain(res.status);
          else expect(res.status, `${where}: the policy says ${want}`).toBe(Number(want));
          if (res.status === 401 || res.status === 403) {
            const json = await res.json();
            expect(json.error.code).toBe(res.status === 401 ? "UNAUTHORIZED" : "FORBIDDEN");
          }
        }
      }
    });
  }

  it("covered every method of every route with every caller", () => {
    const routes = new Set(cells.map((c) => `${c.method} ${c.route}`));
    expect(cells.length).toBe(routes.size * CALLERS.length);
    expect(routes.size).toBe(Object.values(REQUESTS).reduce((n, r) => n + Object.keys(r.actions).length, 0));
    expect(cells.length).toBeGreaterThan(300);
    // The figure for the closing note.
    console.log(`route × role cells: ${cells.length} (${routes.size} route methods × ${CALLERS.length} callers); refused: ${cells.filter((c) => c.want !== "allowed").length}`);
  });
});
