// Sessions that end: every session token carries the user's session version, and sign-out, a password change or
// reset, a role/station change and deactivation bump it. Tested at the lib level (loadViewer with a version), and
// through next-auth's real routes (/api/auth/csrf, callback/credentials, session, signout) with a cookie jar, then
// /api/v1/me: only next-auth's request-bound auth() is replaced, by the session the real /api/auth/session gave.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.AUTH_SECRET = "vitest-only-secret-0123456789abcdefghijklmnop";
});
const browserSession = vi.hoisted(() => ({ value: null as unknown }));
vi.mock("@/lib/auth/config", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/config")>()),
  auth: async () => browserSession.value,
}));

import { db } from "@/lib/db";
import { endSessions, loadViewer, verifyCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { createApiToken, viewerForToken } from "@/lib/auth/tokens";
import { currentViewer } from "@/lib/auth/session";
import { changeOwnPassword, resetPassword, updateUser } from "@/lib/users";
import * as nextAuthRoute from "@/app/api/auth/[...nextauth]/route";
import * as meRoute from "@/app/api/v1/me/route";
import { makeFixture, type Fixture } from "./fixtures";

let f: Fixture;
const PASSWORD = "session password 1";
let serial = 0;

async function makeUser(role: "STAFF" | "OPERATOR" | "VIEWER" = "STAFF") {
  serial += 1;
  return db.user.create({ data: { email: `session${serial}@test.example`, name: "会话测试", passwordHash: await hashPassword(PASSWORD), role, stationId: role === "OPERATOR" ? f.stationA.id : null } });
}

/** Signs in through verifyCredentials (what authorize calls) and returns the version a new token would carry. */
async function signInVersion(email: string, password = PASSWORD): Promise<{ id: number; sv: number }> {
  const signed = await verifyCredentials({ email, password }, `192.0.2.${serial}`);
  if (!signed) throw new Error("sign-in failed");
  return { id: signed.id, sv: signed.sessionVersion };
}

const stillValid = async (s: { id: number; sv: number }) => (await loadViewer(s.id, { sessionVersion: s.sv })) !== null;

beforeAll(async () => {
  f = await makeFixture();
});

describe("a session minted before … is refused afterwards", () => {
  it("sign-out (every session of the user, on every device)", async () => {
    const user = await makeUser();
    const laptop = await signInVersion(user.email);
    const phone = await signInVersion(user.email);
    expect(await stillValid(laptop)).toBe(true);
    expect(await endSessions(laptop.id, laptop.sv)).toBe(true);
    expect(await stillValid(laptop)).toBe(false);
    expect(await stillValid(phone)).toBe(false);
    // An ended session cannot sign out again (no second bump, no audit row from a dead cookie).
    expect(await endSessions(laptop.id, laptop.sv)).toBe(false);
    expect(await db.auditLog.count({ where: { action: "signOut", entityId: String(user.id) } })).toBe(1);
    const again = await signInVersion(user.email);
    expect(await stillValid(again)).toBe(true);
  });

  it("a role change, a station change, deactivation (and stays refused after reactivation)", async () => {
    const user = await makeUser("OPERATOR");
    const before = await signInVersion(user.email);
    await updateUser(f.admin, user.id, { role: "OPERATOR", stationId: f.stationB.id, active: true });
    expect(await stillValid(before)).toBe(false);

    const afterStation = await signInVersion(user.email);
    await updateUser(f.admin, user.id, { role: "VIEWER" });
    expect(await stillValid(afterStation)).toBe(false);

    const afterRole = await signInVersion(user.email);
    await updateUser(f.admin, user.id, { active: false });
    expect(await loadViewer(user.id)).toBeNull();
    await updateUser(f.admin, user.id, { active: true });
    expect(await stillValid(afterRole)).toBe(false);
    expect(await stillValid(await signInVersion(user.email))).toBe(true);
  });

  it("an update that changes nothing keeps sessions", async () => {
    const user = await makeUser();
    const s = await signInVersion(user.email);
    await updateUser(f.admin, user.id, { role: "STAFF", active: true });
    expect(await stillValid(s)).toBe(true);
  });

  it("the user's own password change, and an admin's reset", async () => {
    const user = await makeUser();
    const s1 = await signInVersion(user.email);
    await changeOwnPassword({ ...f.staff, id: user.id, email: user.email }, { currentPassword: PASSWORD, newPassword: "a brand new one", confirmPassword: "a brand new one" });
    expect(await stillValid(s1)).toBe(false);
    const s2 = await signInVersion(user.email, "a brand new one");
    expect(await stillValid(s2)).toBe(true);
    await resetPassword(f.admin, user.id, { password: "set by the admin" });
    expect(await stillValid(s2)).toBe(false);
    expect(await stillValid(await signInVersion(user.email, "set by the admin"))).toBe(true);
  });

  it("API tokens are their own credential: sign-out does not revoke them (an ADMIN does), deactivation does stop them", async () => {
    const user = await makeUser();
    const token = await createApiToken(f.admin, { name: "sync", userId: user.id });
    const s = await signInVersion(user.email);
    await endSessions(s.id, s.sv);
    expect(await viewerForToken(token.secret)).toMatchObject({ id: user.id });
    await updateUser(f.admin, user.id, { active: false });
    expect(await viewerForToken(token.secret)).toBeNull();
  });
});

// A small browser: a cookie jar over next-auth's route handlers.
function browser(ip: string) {
  const jar = new Map<string, string>();
  const send = async (path: string, init: { method?: string; form?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { "x-forwarded-for": ip, "accept-language": "en" };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const request = new NextRequest(`http://localhost:3000${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
    const response = await (request.method === "POST" ? nextAuthRoute.POST(request) : nextAuthRoute.GET(request));
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, ...rest] = pair.split("=");
      const value = rest.join("=");
      if (value === "" || /max-age=0/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  const csrf = async () => ((await (await send("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  return {
    jar,
    send,
    async signIn(email: string, password: string) {
      return send("/api/auth/callback/credentials", { form: { email, password, csrfToken: await csrf(), callbackUrl: "http://localhost:3000/" } });
    },
    async signOut() {
      return send("/api/auth/signout", { form: { csrfToken: await csrf(), callbackUrl: "http://localhost:3000/login" } });
    },
    /** GET /api/v1/me as this browser: the session next-auth decodes from the jar, then our real route. */
    async me(cookies: Map<string, string> = jar) {
      const use = new Map(cookies);
      const saved = new Map(jar);
      jar.clear();
      for (const [k, v] of use) jar.set(k, v);
      const session = await (await send("/api/auth/session")).json();
      jar.clear();
      for (const [k, v] of saved) jar.set(k, v);
      browserSession.value = session;
      const res = await meRoute.GET(new Request("http://localhost:3000/api/v1/me"), { params: Promise.resolve({}) });
      browserSession.value = null;
      return res.status;
    },
  };
}

describe("through next-auth's routes", () => {
  it("a copied session cookie stops working after sign-out", async () => {
    const user = await makeUser();
    const b = browser("198.51.100.10");
    const res = await b.signIn(user.email, PASSWORD);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://localhost:3000/");
    expect(b.jar.has("authjs.session-token")).toBe(true);
    const copied = new Map(b.jar);
    expect(await b.me()).toBe(200);

    await b.signOut();
    expect(b.jar.has("authjs.session-token")).toBe(false);
    expect(await b.me(copied)).toBe(401);
    // currentViewer refuses it too (the pages' path).
    const thief = browser("203.0.113.99");
    for (const [k, v] of copied) thief.jar.set(k, v);
    browserSession.value = await (await thief.send("/api/auth/session")).json();
    expect(browserSession.value).toMatchObject({ user: { id: String(user.id) } }); // the JWT itself is still well-formed…
    expect(await currentViewer()).toBeNull(); // …but its version is no longer the user's
    browserSession.value = null;
  });

  it("a session from before a role change is refused", async () => {
    const user = await makeUser();
    const b = browser("198.51.100.11");
    await b.signIn(user.email, PASSWORD);
    expect(await b.me()).toBe(200);
    await updateUser(f.admin, user.id, { role: "VIEWER" });
    expect(await b.me()).toBe(401);
  });

  it("a token without a session version (issued before versions existed) is refused", async () => {
    const user = await makeUser();
    browserSession.value = { user: { id: String(user.id) }, expires: new Date(Date.now() + 3600_000).toISOString() };
    expect(await currentViewer()).toBeNull();
    browserSession.value = null;
  });

  it("throttles POST /api/auth/callback/credentials: the 6th attempt gets 429 with Retry-After, even with the right password", async () => {
    const user = await makeUser();
    const b = browser("198.51.100.12");
    const serverLog = vi.spyOn(console, "error");
    for (let i = 0; i < 5; i++) {
      const res = await b.signIn(user.email, "wrong password");
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get("location")!).searchParams.get("code")).toBe("credentials");
    }
    const refused = await b.signIn(user.email, PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(await refused.json()).toEqual({ error: { code: "RATE_LIMITED", message: "Too many attempts. Please try again later.", details: { retryAfterSeconds: expect.any(Number) } } });
    expect(b.jar.has("authjs.session-token")).toBe(false);
    // Expected failures are audited, not printed: next-auth's CredentialsSignin stack traces are silenced.
    expect(serverLog).not.toHaveBeenCalled();
    serverLog.mockRestore();
  });
});
