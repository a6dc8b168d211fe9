// The OpenAPI document (GET /api/v1/openapi.json) against the route files themselves: every route method under
// app/api/v1 takes a policy action and is documented with it, every documented operation exists, lists document
// (and answer) the one envelope, and who may call an operation is the policy table's answer.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "@/lib/auth/tokens";
import { POLICY } from "@/lib/auth/policy";
import { MAX_JSON_BODY_BYTES, OPENAPI_DOCUMENT } from "@/lib/api/openapi";
import { MAX_JSON_BYTES } from "@/lib/api/respond";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { makeFixture } from "./fixtures";
import { makeHousehold } from "./network-helpers";

// No browser session here (next-auth's session lookup needs the Next.js runtime): callers use bearer tokens.
vi.mock("@/lib/auth/session", () => ({ currentViewer: async () => null }));

const ROOT = path.resolve(import.meta.dirname, "..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
/** Route methods that are public on purpose (no credentials, hence no policy action). Add here only knowingly. */
const PUBLIC = new Set(["GET /api/v1/openapi.json"]);
const CATCH_ALL = "/api/v1/[...unknown]";

type Operation = { "x-policy-action"?: string; "x-roles"?: string[]; "x-station-scope"?: string; security?: unknown[]; parameters?: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, { schema?: Schema }>; $ref?: string }> };
type Schema = { type?: string; required?: string[]; properties?: Record<string, unknown>; "x-list-envelope"?: boolean };
const doc = OPENAPI_DOCUMENT as unknown as { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>>; "x-catch-all": { route: string; methods: string[]; "x-policy-action": string; "x-roles": string[] } };

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/households/[id]/route.ts → /api/v1/households/{id} (the catch-all keeps its folder name). */
function urlPath(file: string): string {
  const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");
  return `/${rel}`.replace(/\[(?!\.\.\.)([^\]]+)\]/g, "{$1}");
}

/** The route file a documented path lives in ({id} → [id]). */
function fileFor(urlPathName: string): string {
  return path.join(ROOT, "app", ...urlPathName.replace(/\{([^}]+)\}/g, "[$1]").split("/").filter(Boolean), "route.ts");
}

type Route = { file: string; path: string; source: string; methods: Record<string, { policyAction?: unknown }> };
let routes: Route[] = [];

beforeAll(async () => {
  routes = await Promise.all(
    routeFiles(path.join(ROOT, "app/api/v1")).sort().map(async (file) => {
      const mod = (await import(file)) as Record<string, unknown>;
      const methods = Object.fromEntries(METHODS.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m] as { policyAction?: unknown }]));
      return { file, path: urlPath(file), source: readFileSync(file, "utf8"), methods };
    }),
  );
});

describe("every /api/v1 route method", () => {
  it("finds the route files", () => {
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) expect(Object.keys(r.methods), r.file).not.toHaveLength(0);
  });

  it("takes an action of the policy table (a new route without apiRoute(action, …) fails here)", () => {
    for (const r of routes) {
      for (const [method, handler] of Object.entries(r.methods)) {
        if (PUBLIC.has(`${method} ${r.path}`)) continue;
        expect(Object.keys(POLICY), `${method} ${r.path}`).toContain(handler.policyAction);
      }
    }
  });

  it("is documented, with its own policy action and the table's roles", () => {
    for (const r of routes.filter((x) => x.path !== CATCH_ALL)) {
      for (const [method, handler] of Object.entries(r.methods)) {
        const operation = doc.paths[r.path]?.[method.toLowerCase()];
        expect(operation, `${method} ${r.path} is not in the OpenAPI document`).toBeDefined();
        if (PUBLIC.has(`${method} ${r.path}`)) {
          expect(operation.security).toEqual([]);
          expect(operation["x-policy-action"]).toBeUndefined();
          continue;
        }
        const action = handler.policyAction as keyof typeof POLICY;
        expect(operation["x-policy-action"], `${method} ${r.path}`).toBe(action);
        expect(operation["x-roles"], `${method} ${r.path}`).toEqual([...POLICY[action].roles]);
        expect(operation["x-station-scope"]).toBe("station" in POLICY[action] ? "own" : undefined);
        expect(operation.security, `${method} ${r.path} must not be public`).toBeUndefined();
      }
    }
  });

  it("the catch-all is noted with its methods and action", () => {
    const catchAll = routes.find((r) => r.path === CATCH_ALL)!;
    expect(catchAll).toBeDefined();
    expect(doc["x-catch-all"].route).toBe(CATCH_ALL);
    expect(doc["x-catch-all"].methods.map((m) => m.toUpperCase()).sort()).toEqual(Object.keys(catchAll.methods).sort());
    for (const handler of Object.values(catchAll.methods)) expect(doc["x-catch-all"]["x-policy-action"]).toBe(handler.policyAction);
    expect(doc["x-catch-all"]["x-roles"]).toEqual([...POLICY[doc["x-catch-all"]["x-policy-action"] as keyof typeof POLICY].roles]);
  });
});

describe("the document", () => {
  it("documents nothing that is not a route (no stale paths or methods)", async () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      const file = fileFor(p);
      expect(existsSync(file), `${p}: no ${path.relative(ROOT, file)}`).toBe(true);
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of Object.keys(item)) expect(typeof mod[method.toUpperCase()], `${method.toUpperCase()} ${p}`).toBe("function");
    }
  });

  it("declares every path template parameter, and every $ref resolves", () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, operation] of Object.entries(item)) {
        const declared = (operation.parameters ?? []).filter((x) => x.in === "path").map((x) => x.name);
        expect(declared.sort(), `${method} ${p}`).toEqual([...names].sort());
      }
    }
    const text = JSON.stringify(doc);
    for (const m of text.matchAll(/"\$ref":"#\/components\/([^/"]+)\/([^"]+)"/g)) expect(doc.components[m[1]]?.[m[2]], m[0]).toBeDefined();
  });

  it("documents the list envelope for every list endpoint (the routes answering listEnvelope)", () => {
    const lists = routes.filter((r) => r.source.includes("listEnvelope("));
    expect(lists.length).toBeGreaterThanOrEqual(10);
    for (const r of lists) {
      const schema = doc.paths[r.path].get.responses["200"].content?.["application/json"].schema as Schema;
      expect(schema?.["x-list-envelope"], r.path).toBe(true);
      for (const key of ["items", "total", "page", "pageSize"]) {
        expect(schema.required, `${r.path} ${key}`).toContain(key);
        expect(schema.properties, `${r.path} ${key}`).toHaveProperty(key);
      }
    }
    // …and no other operation claims the envelope.
    const listPaths = new Set(lists.map((r) => r.path));
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const schema = Object.values(operation.responses)[0]?.content?.["application/json"]?.schema as Schema | undefined;
        if (schema?.["x-list-envelope"]) expect(method === "get" && listPaths.has(p), `${method} ${p}`).toBe(true);
      }
    }
  });

  it("documents query parameters from the query schemas and JSON bodies from the input schemas", () => {
    const params = (p: string, m = "get") => (doc.paths[p][m].parameters ?? []).map((x) => x.name);
    expect(params("/api/v1/households")).toEqual(expect.arrayContaining(["q", "townshipId", "villageId", "stationId", "status", "type", "cause", "exitYear", "sort", "dir", "page", "pageSize"]));
    expect(params("/api/v1/income")).toEqual(expect.arrayContaining(["householdId", "category", "source", "from", "to", "page", "pageSize"]));
    expect(params("/api/v1/households/{id}/income")).not.toContain("householdId");
    expect(params("/api/v1/sales")).toEqual(expect.arrayContaining(["stationId", "productId", "householdId", "channel", "from", "to", "state", "page"]));
    expect(params("/api/v1/overview")).toEqual(["from", "to", "year", "station"]);
    expect(params("/api/v1/progress")).toEqual(["year", "level", "parent"]);
    expect(params("/api/v1/reports")).toEqual(["kind", "month", "year", "from", "to", "station", "format"]);
    expect(params("/api/v1/audit-log")).toEqual(["entity", "actor", "page"]);
    const body = (p: string, m: string) => (doc.paths[p][m] as unknown as { requestBody: { content: Record<string, { schema: Schema & { properties: Record<string, Record<string, unknown>> } }> } }).requestBody.content;
    const sale = body("/api/v1/sales", "post")["application/json"].schema;
    expect(sale.required).toEqual(expect.arrayContaining(["productId", "stationId", "channel", "date", "quantity", "amountFen"]));
    expect(sale.properties.date).toMatchObject({ type: "string", format: "date" });
    expect(sale.properties.note).toMatchObject({ type: "string", maxLength: 500 });
    const household = body("/api/v1/households", "post")["application/json"].schema;
    expect(household.required).not.toContain("foodClothingSecure"); // absent means false
    expect(household.properties.code).toMatchObject({ maxLength: 30, pattern: "^[A-Za-z0-9-]+$" });
    expect(body("/api/v1/households/{id}", "patch")["application/json"].schema.required).toEqual(["version"]);
    expect(body("/api/v1/households/{id}/income", "post")["application/json"].schema.properties).not.toHaveProperty("householdId");
    expect(body("/api/v1/households/import", "post")).toHaveProperty("multipart/form-data");
    expect(body("/api/v1/products/{id}/photo", "post")["multipart/form-data"].schema.required).toEqual(["photo"]);
    const id = (doc.paths["/api/v1/stations/{id}"].get.parameters as unknown as { schema: Record<string, unknown> }[])[0].schema;
    expect(id).toMatchObject({ type: "integer", minimum: 1, maximum: 2_147_483_647 });
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("answers the OpenAPI 3.1 document without credentials", async () => {
    const res = await openapiRoute.GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(["/api/v1/households", "/api/v1/overview", "/api/health"]));
    expect(body.components.securitySchemes).toHaveProperty("bearerAuth");
    expect(body.components.securitySchemes).toHaveProperty("cookieAuth");
    expect(MAX_JSON_BODY_BYTES).toBe(MAX_JSON_BYTES);
  });
});

describe("list answers match their documented envelope", () => {
  let token: string;
  let householdId: number;
  beforeAll(async () => {
    const f = await makeFixture();
    token = (await createApiToken(f.admin, { name: "openapi", userId: f.admin.id })).secret;
    householdId = (await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id })).id;
  });

  it("answers exactly the documented keys, as ADMIN", async () => {
    const lists = routes.filter((r) => r.source.includes("listEnvelope("));
    for (const r of lists) {
      const url = `http://test.local${r.path.replace("{id}", String(householdId))}${r.path.endsWith("/search") ? "?q=T" : ""}`;
      const handler = r.methods.GET as unknown as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
      const res = await handler(new Request(url, { headers: { Authorization: `Bearer ${token}` } }), { params: Promise.resolve<Record<string, string>>(r.path.includes("{id}") ? { id: String(householdId) } : {}) });
      expect(res.status, r.path).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      const schema = doc.paths[r.path].get.responses["200"].content!["application/json"].schema as Schema;
      expect(Object.keys(body).sort(), r.path).toEqual(Object.keys(schema.properties!).sort());
    }
  });
});
