// The server action × role table: every exported server action (every "use server" file under app/ and components/)
// called as every kind of user, each answer compared with the policy table. An action that is not made by the
// operation wrappers (formAction, viewerAction, publicAction in lib/api/form.ts) fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { form, session } from "./action-session";

// next-auth needs the Next.js runtime; the sign-in actions are public and are only checked to be marked so.
vi.mock("@/lib/auth/config", () => ({ signIn: vi.fn(), signOut: vi.fn(), auth: vi.fn() }));
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {}, CredentialsSignin: class CredentialsSignin extends Error {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ set: vi.fn(), get: vi.fn() }), headers: async () => new Headers() }));
import { db } from "@/lib/db";
import { POLICY, can, type Action } from "@/lib/auth/policy";
import { createIncomeEntry } from "@/lib/income";
import { recordSale } from "@/lib/sales";
import { openCase } from "@/lib/monitoring";
import type { Viewer } from "@/lib/auth/viewer";
import { makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct } from "./network-helpers";

function serverActionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" || name === "generated" ? [] : serverActionFiles(full);
    return /\.(ts|tsx)$/.test(name) && /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}
const FILES = ["app", "components", "lib"].flatMap((d) => serverActionFiles(path.join(process.cwd(), d))).sort();

type Side = "A" | "B";
type Caller = "anonymous" | "VIEWER" | "OPERATOR own" | "OPERATOR other" | "STAFF" | "ADMIN";
const CALLERS: Caller[] = ["anonymous", "VIEWER", "OPERATOR own", "OPERATOR other", "STAFF", "ADMIN"];
/** The only server actions anyone may call, signed in or not. */
const PUBLIC = new Set(["signInAction", "signOutAction", "setLocaleAction"]);

let f: Fixture;
const ids: Record<string, Record<Side, number>> = {};


beforeAll(async () => {
  f = await makeFixture();
  await db.user.updateMany({ data: { locale: "en" } });
  const product = await makeProduct(f);
  const hA = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id });
  const hB = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id });
  const entry = (h: { id: number }) => createIncomeEntry(f.staff, { householdId: h.id, date: "2020-03-01", category: "WAGE", source: "MIGRANT_WORK", amountFen: 10_000 });
  const sale = (stationId: number, h: { id: number }) =>
    recordSale(f.staff, { productId: product.id, stationId, channel: "TAOBAO", date: "2020-04-01", quantity: 1, amountFen: 5_000, suppliers: [{ householdId: h.id, payoutFen: 1_000 }] });
  ids.household = { A: hA.id, B: hB.id };
  ids.entry = { A: (await entry(hA)).id, B: (await entry(hB)).id };
  ids.sale = { A: (await sale(f.stationA.id, hA)).sale.id, B: (await sale(f.stationB.id, hB)).sale.id };
  ids.station = { A: f.stationA.id, B: f.stationB.id };
  ids.village = { A: f.villageA.id, B: f.villageB.id };
  ids.product = { A: product.id, B: product.id };
  ids.user = { A: f.viewer.id, B: f.viewer.id };
  const monitoringCase = async (h: { id: number }) => (await openCase(f.staff, { householdId: h.id, type: "MARGINAL", riskTypes: ["INCOME_DROP"], openedOn: "2024-01-02" })).id;
  ids.case = { A: await monitoringCase(hA), B: await monitoringCase(hB) };
});

/**
 * Each action's policy action, its arguments for station A or B, and whether those arguments aim it at that
 * station (so an OPERATOR of A asking about B must be refused).
 */
const ACTIONS: Record<string, { action: Action; aims: boolean; args: (s: Side) => unknown[] }> = {
  createHouseholdAction: { action: "households.create", aims: true, args: (s) => [{}, form({ code: `ACT-${s}-${Math.random().toString(36).slice(2, 7)}`, villageId: String(ids.village[s]), stationId: String(ids.station[s]), headName: "示例户主", size: "2", type: "GENERAL", registeredYear: "2016" })] },
  updateHouseholdAction: { action: "households.update", aims: true, args: (s) => [ids.household[s], {}, form({ version: "1", headName: "示例改名" })] },
  changeStatusAction: { action: "households.changeStatus", aims: false, args: (s) => [ids.household[s], {}, form({ toStatus: "EXITED", reason: "测试" })] },
  searchHouseholdsAction: { action: "households.read", aims: false, args: () => ["T-"] },
  suggestHouseholdCodeAction: { action: "households.create", aims: true, args: (s) => [ids.village[s], ids.station[s]] },
  createIncomeAction: { action: "income.create", aims: true, args: (s) => [{ householdId: String(ids.household[s]), date: "2020-05-01", category: "WAGE", source: "MIGRANT_WORK", amount: "1", note: "" }] },
  reverseEntryAction: { action: "income.reverse", aims: true, args: (s) => [ids.entry[s], {}, form({ reason: "测试冲正" })] },
  searchSuppliersAction: { action: "sales.create", aims: true, args: (s) => ["T-", ids.station[s]] },
  recordSaleAction: { action: "sales.create", aims: true, args: (s) => [{}, form({ productId: String(ids.product[s]), stationId: String(ids.station[s]), channel: "JD", date: "2020-06-01", quantity: "1", amount: "1" })] },
  reverseSaleAction: { action: "sales.reverse", aims: true, args: (s) => [ids.sale[s], {}, form({ reason: "测试冲正" })] },
  createStationAction: { action: "stations.create", aims: false, args: () => [{}, form({ code: "ACT-ST", name: "示例站" })] },
  updateStationAction: { action: "stations.update", aims: true, args: (s) => [ids.station[s], {}, form({ version: "1", phone: "0772-5123456" })] },
  changeStationStatusAction: { action: "stations.manage", aims: false, args: (s) => [ids.station[s], {}, form({ version: "1", status: "SUSPENDED", statusReason: "测试" })] },
  recordTrainingAction: { action: "trainings.create", aims: true, args: (s) => [{}, form({ stationId: String(ids.station[s]), date: "2020-06-01", topic: "网店运营", attendeeCount: "2" })] },
  createProductAction: { action: "products.manage", aims: false, args: () => [{}, form({ code: "ACT-P" })] },
  updateProductAction: { action: "products.manage", aims: false, args: (s) => [ids.product[s], {}, form({ version: "1", name: "示例产品" })] },
  setPhotoAction: { action: "products.manage", aims: false, args: (s) => [ids.product[s], {}, form({})] },
  removePhotoAction: { action: "products.manage", aims: false, args: (s) => [ids.product[s]] },
  createUserAction: { action: "users.manage", aims: false, args: () => [{}, form({ email: "bad" })] },
  setUserActiveAction: { action: "users.manage", aims: false, args: () => [999_999, true, {}, form({})] },
  resetPasswordAction: { action: "users.manage", aims: false, args: () => [999_999, {}, form({ password: "short" })] },
  changeOwnPasswordAction: { action: "me.update", aims: false, args: () => [{}, form({ currentPassword: "wrong", newPassword: "short", confirmPassword: "" })] },
  updateUserAction: { action: "users.manage", aims: false, args: (s) => [ids.user[s], {}, form({ role: "VIEWER", active: "on" })] },
  createTokenAction: { action: "tokens.manage", aims: false, args: () => [{}, form({ name: "" })] },
  revokeTokenAction: { action: "tokens.manage", aims: false, args: () => [999_999] },
  setThresholdAction: { action: "settings.manage", aims: false, args: () => [{}, form({ region: "WESTERN", incidenceBelowPct: "" })] },
  setPovertyLineAction: { action: "settings.manage", aims: false, args: () => [{}, form({ year: "" })] },
  reportHardshipAction: { action: "hardships.report", aims: true, args: (s) => [ids.household[s], {}, form({ type: "ILLNESS", date: "2024-01-01" })] },
  openCaseAction: { action: "monitoring.manage", aims: true, args: (s) => [{}, form({ householdId: String(ids.household[s]), type: "MARGINAL", riskTypes: "ILLNESS", openedOn: "2024-01-02" })] },
  changeCaseAction: { action: "monitoring.manage", aims: true, args: (s) => [ids.case[s], {}, form({ action: "measure", kind: "ECOMMERCE", date: "2024-01-03", stationId: String(ids.station[s]), actor: "站长" })] },
  setMonitoringLineAction: { action: "settings.manage", aims: false, args: () => [{}, form({ year: "" })] },
  setMonitoringThresholdsAction: { action: "settings.manage", aims: false, args: () => [{}, form({ bandPct: "" })] },
};

function viewerOf(caller: Caller): Viewer | null {
  return { VIEWER: f.viewer, "OPERATOR own": f.operatorA, "OPERATOR other": f.operatorA, STAFF: f.staff, ADMIN: f.admin }[caller as string] ?? null;
}

/** What came back: "refused" (forbidden), "unauthenticated", or "ran" (anything else: done, a redirect, a field error). */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    const result = (await run()) as { code?: string } | undefined;
    if (result?.code === "FORBIDDEN") return "refused";
    if (result?.code === "UNAUTHORIZED") return "unauthenticated";
    return "ran";
  } catch (error) {
    const e = error as { code?: string; message?: string; url?: string };
    if (e.url) return "ran"; // redirect() after a success
    if (e.code === "FORBIDDEN") return "refused";
    if (e.code === "UNAUTHORIZED") return "unauthenticated";
    return "ran";
  }
}

let cells = 0;

describe("every server action × every caller answers as the policy table says", () => {
  it("finds the server action files", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(9);
  });

  for (const file of FILES) {
    it(path.relative(process.cwd(), file), async () => {
      const mod = (await import(file)) as Record<string, ((...args: unknown[]) => Promise<unknown>) & { policyAction?: Action | "public" }>;
      const names = Object.keys(mod).filter((k) => typeof mod[k] === "function");
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        const fn = mod[name];
        expect(fn.policyAction, `${name} is not made by formAction/viewerAction/publicAction`).toBeDefined();
        if (fn.policyAction === "public") {
          expect(PUBLIC.has(name), `${name} is public: add it to PUBLIC only if anyone may call it`).toBe(true);
          continue;
        }
        const spec = ACTIONS[name];
        expect(spec, `${name}: add it to ACTIONS`).toBeDefined();
        expect(fn.policyAction, `${name} takes ${fn.policyAction}; ACTIONS says ${spec.action}`).toBe(spec.action);
        expect(spec.action in POLICY).toBe(true);
        for (const caller of CALLERS) {
          const viewer = viewerOf(caller);
          session.viewer = viewer;
          const side: Side = caller === "OPERATOR other" ? "B" : "A";
          const got = await outcome(() => fn(...spec.args(side)));
          const target = spec.aims && viewer?.role === "OPERATOR" ? { stationId: ids.station[side] } : undefined;
          const want = !viewer ? "unauthenticated" : can(viewer, spec.action, target) ? "ran" : "refused";
          expect(got, `${name} as ${caller} (${spec.action})`).toBe(want);
          cells++;
        }
        session.viewer = null;
      }
    });
  }

  it("covered every action with every caller", () => {
    const tagged = Object.keys(ACTIONS).length;
    expect(cells).toBe(tagged * CALLERS.length);
    console.log(`server action × role cells: ${cells} (${tagged} actions × ${CALLERS.length} callers)`);
  });
});
