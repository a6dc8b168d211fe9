// User management (issue #9): create, search/filter/paging among 123 users, PATCH, admin password reset, own
// password change, through lib/users, the /api/v1 routes (bearer tokens) and the server actions. Non-admins are
// refused everything administrative, and no password or hash ever reaches the audit log.
import "./action-session";
import { beforeAll, describe, expect, it, vi } from "vitest";

const signInCalls = vi.hoisted(() => [] as unknown[]);
vi.mock("@/lib/auth/config", () => ({
  signIn: async (...args: unknown[]) => {
    signInCalls.push(args);
  },
}));

import { db } from "@/lib/db";
import { verifyCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { createApiToken } from "@/lib/auth/tokens";
import { changeOwnPassword, createUser, resetPassword, searchUsers, updateUser } from "@/lib/users";
import * as usersRoute from "@/app/api/v1/users/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as resetRoute from "@/app/api/v1/users/[id]/password/route";
import * as myPasswordRoute from "@/app/api/v1/me/password/route";
import { changeOwnPasswordAction } from "@/app/(dashboard)/account/actions";
import { createUserAction, resetPasswordAction } from "@/app/(dashboard)/admin/actions";
import { session } from "./action-session";
import { expectCode, makeFixture, type Fixture } from "./fixtures";

let f: Fixture;
const tokens: Record<string, string> = {};
let serial = 0;
const ip = () => `192.0.2.${++serial % 250}`;

beforeAll(async () => {
  f = await makeFixture();
  await db.user.updateMany({ data: { locale: "en" } });
  for (const who of ["admin", "staff", "viewer", "operatorA"] as const) tokens[who] = (await createApiToken(f.admin, { name: who, userId: f[who].id })).secret;
  // 118 more users: 123 in all. Every 4th is a VIEWER named 县里查看员…, every 10th deactivated.
  await db.user.createMany({
    data: Array.from({ length: 118 }, (_, i) => ({
      email: `bulk${String(i + 1).padStart(3, "0")}@center.example`,
      name: i % 4 === 0 ? `县里查看员${i + 1}` : `中心职员${i + 1}`,
      passwordHash: "x",
      role: i % 4 === 0 ? ("VIEWER" as const) : ("STAFF" as const),
      active: i % 10 !== 9,
    })),
  });
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: unknown, who: string | null, opts: { method?: string; url?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "Accept-Language": "en" };
  if (who) headers.Authorization = `Bearer ${tokens[who]}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  }
  const request = new Request(`http://test.local${opts.url ?? "/api/v1/x"}`, { method: opts.method ?? (body ? "POST" : "GET"), headers, body });
  const res = await (handler as Handler)(request, { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, body: await res.json() };
}

const NON_ADMINS = ["staff", "viewer", "operatorA"] as const;

describe("finding a user among 123", () => {
  it("has 123 users, 50 a page", async () => {
    const p1 = await searchUsers(f.admin, {});
    expect(p1).toMatchObject({ total: 123, page: 1, pageSize: 50 });
    expect(p1.items).toHaveLength(50);
    const p3 = await searchUsers(f.admin, { page: "3" });
    expect(p3.items).toHaveLength(23);
    const all = [...p1.items, ...(await searchUsers(f.admin, { page: 2 })).items, ...p3.items].map((u) => u.email);
    expect(new Set(all).size).toBe(123);
    expect(all).toEqual([...all].sort());
  });

  it("searches email and name (any part, any case) and filters by role and state", async () => {
    expect((await searchUsers(f.admin, { q: "BULK007" })).items.map((u) => u.email)).toEqual(["bulk007@center.example"]);
    const viewers = await searchUsers(f.admin, { q: "查看员" });
    expect(viewers.total).toBe(30);
    expect(viewers.items.every((u) => u.name.includes("查看员"))).toBe(true);
    expect((await searchUsers(f.admin, { role: "VIEWER" })).total).toBe(31); // 30 bulk + the fixture's viewer
    expect((await searchUsers(f.admin, { q: "center.example", role: "STAFF", active: "no" })).total).toBe(
      Array.from({ length: 118 }, (_, i) => i).filter((i) => i % 4 !== 0 && i % 10 === 9).length,
    );
    expect((await searchUsers(f.admin, { q: "no-such-person" })).total).toBe(0);
  });

  it("refuses a malformed query with field errors", async () => {
    await expect(searchUsers(f.admin, { role: "GOD", page: "0" })).rejects.toMatchObject({ code: "VALIDATION", fields: { role: expect.anything(), page: expect.anything() } });
  });

  it("GET /api/v1/users?q=&role=&page= answers {items,total,page,pageSize} and the users alias", async () => {
    const res = await call(usersRoute.GET, "admin", { url: "/api/v1/users?role=STAFF&page=2&q=center" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 2, pageSize: 50, total: 88 });
    expect(res.body.items).toHaveLength(38);
    expect(res.body.users).toEqual(res.body.items);
    expect(JSON.stringify(res.body)).not.toContain("passwordHash");
    expect((await call(usersRoute.GET, "admin", { url: "/api/v1/users?page=abc" })).status).toBe(400);
  });

  it.each(NON_ADMINS)("refuses the list to %s (403)", async (who) => {
    expect((await call(usersRoute.GET, who)).status).toBe(403);
    await expectCode(searchUsers(f[who], {}), "FORBIDDEN");
  });
});

describe("creating a user", () => {
  it("creates an operator bound to a station, audited without the password or its hash", async () => {
    const res = await call(usersRoute.POST, "admin", { body: { email: "New.Op@test.example", name: "新站长", password: "first password", role: "OPERATOR", stationId: f.stationA.id } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: "new.op@test.example", role: "OPERATOR", stationId: f.stationA.id, active: true });
    expect(await verifyCredentials({ email: "new.op@test.example", password: "first password" }, ip())).toMatchObject({ id: res.body.id, role: "OPERATOR" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "create", entity: "User", entityId: String(res.body.id) } });
    const stored = await db.user.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(JSON.stringify(audit)).not.toContain("first password");
    expect(JSON.stringify(audit)).not.toContain(stored.passwordHash);
  });

  it("gives field-level errors in the caller's language, and writes nothing", async () => {
    const before = await db.user.count();
    const res = await call(usersRoute.POST, "admin", { body: { email: "admin@test.example", name: "", password: "short", role: "OPERATOR" } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ name: "Required.", password: "At least 10 characters.", stationId: "A station operator must be bound to one station." });
    const dup = await call(usersRoute.POST, "admin", { body: { email: "ADMIN@test.example", name: "x", password: "long enough 1", role: "STAFF" } });
    expect(dup.body.error.fields).toEqual({ email: "This email is already in use." });
    expect(await db.user.count()).toBe(before);
  });

  it.each(NON_ADMINS)("refuses creation to %s (403), nothing written", async (who) => {
    const before = await db.user.count();
    expect((await call(usersRoute.POST, who, { body: { email: `by-${who}@test.example`, name: "x", password: "long enough 1", role: "ADMIN" } })).status).toBe(403);
    expect(await db.user.count()).toBe(before);
  });

  it("the create form's action redirects to the new user's page; a refused one keeps the field errors", async () => {
    session.viewer = f.admin;
    const form = new FormData();
    for (const [k, v] of Object.entries({ email: "form.user@test.example", name: "表单用户", password: "form password 1", role: "VIEWER", stationId: "", locale: "zh-CN" })) form.set(k, v);
    const redirected = await createUserAction({}, form).catch((e) => e);
    const created = await db.user.findUniqueOrThrow({ where: { email: "form.user@test.example" } });
    expect(redirected).toMatchObject({ url: `/admin/users/${created.id}?created=1` });
    const state = await createUserAction({}, form);
    expect(state.fields).toEqual({ email: "This email is already in use." });
    session.viewer = f.staff;
    expect(await createUserAction({}, form)).toMatchObject({ error: "You are not allowed to do this." });
  });
});

describe("changing role, station, active (PATCH /api/v1/users/{id})", () => {
  it("changes only the fields sent, audited", async () => {
    const user = await createUser(f.admin, { email: "patch@test.example", name: "改角色", password: "patch password", role: "STAFF" });
    const res = await call(userRoute.PATCH, "admin", { method: "PATCH", params: { id: String(user.id) }, body: { role: "OPERATOR", stationId: f.stationB.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: "OPERATOR", stationId: f.stationB.id, active: true });
    const off = await call(userRoute.PATCH, "admin", { method: "PATCH", params: { id: String(user.id) }, body: { active: false } });
    expect(off.body).toMatchObject({ role: "OPERATOR", stationId: f.stationB.id, active: false });
    const on = await call(userRoute.PATCH, "admin", { method: "PATCH", params: { id: String(user.id) }, body: { active: true } });
    expect(on.body.active).toBe(true);
    const audits = await db.auditLog.findMany({ where: { entity: "User", entityId: String(user.id), action: "update" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => (a.after as { active: boolean }).active)).toEqual([true, false, true]);
  });

  it("refuses an admin demoting or deactivating themselves (409), and a bad role (400)", async () => {
    for (const body of [{ role: "STAFF" }, { active: false }]) {
      const res = await call(userRoute.PATCH, "admin", { method: "PATCH", params: { id: String(f.admin.id) }, body });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe("You cannot remove your own admin role or deactivate yourself.");
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: f.admin.id } })).role).toBe("ADMIN");
    expect((await call(userRoute.PATCH, "admin", { method: "PATCH", params: { id: String(f.viewer.id) }, body: { role: "ROOT" } })).status).toBe(400);
    // A path id that is not an int4 is a field error (400), as on every route; an unknown one is a 404.
    expect((await call(userRoute.PATCH, "admin", { method: "PATCH", params: { id: "abc" }, body: { role: "STAFF" } })).status).toBe(400);
    expect((await call(userRoute.GET, "admin", { params: { id: "999999" } })).status).toBe(404);
  });

  it.each(NON_ADMINS)("refuses %s changing anyone, themselves included (403)", async (who) => {
    for (const id of [f.viewer.id, f[who].id]) {
      expect((await call(userRoute.PATCH, who, { method: "PATCH", params: { id: String(id) }, body: { role: "ADMIN" } })).status).toBe(403);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: f[who].id } })).role).toBe(f[who].role);
  });
});

describe("an admin resets a password", () => {
  it("sets the typed password: the new one works, the old one no longer; audited without it", async () => {
    const user = await createUser(f.admin, { email: "reset.me@test.example", name: "重置", password: "old password 1", role: "VIEWER" });
    const res = await call(resetRoute.POST, "admin", { params: { id: String(user.id) }, body: { password: "typed by admin 1" } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ password: "typed by admin 1", generated: false });
    expect(await verifyCredentials({ email: user.email, password: "old password 1" }, ip())).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: "typed by admin 1" }, ip())).toMatchObject({ id: user.id });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "resetPassword", entityId: String(user.id) } });
    const hash = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(audit).toMatchObject({ actor: f.admin.email, after: { generated: false } });
    expect(JSON.stringify(audit)).not.toContain("typed by admin 1");
    expect(JSON.stringify(audit)).not.toContain(hash);
  });

  it("generates one when left blank, shown once (in the answer only)", async () => {
    const user = await createUser(f.admin, { email: "generated@test.example", name: "生成", password: "old password 1", role: "VIEWER" });
    const res = await call(resetRoute.POST, "admin", { params: { id: String(user.id) } });
    expect(res.body.generated).toBe(true);
    expect(res.body.password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(await verifyCredentials({ email: user.email, password: res.body.password }, ip())).toMatchObject({ id: user.id });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "resetPassword", entityId: String(user.id) } });
    expect(JSON.stringify(audit)).not.toContain(res.body.password);

    session.viewer = f.admin;
    const state = await resetPasswordAction(user.id, {}, new FormData());
    expect(state.ok).toBe(true);
    expect(state.generated).toMatch(/^.{16}$/);
  });

  it("refuses a short password with a field error, and the admin's own account (use the own-password page)", async () => {
    const res = await call(resetRoute.POST, "admin", { params: { id: String(f.viewer.id) }, body: { password: "short" } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ password: "At least 10 characters." });
    expect((await call(resetRoute.POST, "admin", { params: { id: String(f.admin.id) }, body: { password: "long enough 12" } })).status).toBe(409);
    expect((await call(resetRoute.POST, "admin", { params: { id: "999999" }, body: { password: "long enough 12" } })).status).toBe(404);
  });

  it("refuses a malformed body with 400 and changes nothing (only an empty body asks for a generated password)", async () => {
    const before = (await db.user.findUniqueOrThrow({ where: { id: f.viewer.id } })).passwordHash;
    const res = await call(resetRoute.POST, "admin", { method: "POST", params: { id: String(f.viewer.id) }, body: "{not json" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION");
    expect((await db.user.findUniqueOrThrow({ where: { id: f.viewer.id } })).passwordHash).toBe(before);
  });

  it.each(NON_ADMINS)("refuses %s (403), the password unchanged", async (who) => {
    const before = (await db.user.findUniqueOrThrow({ where: { id: f.viewer.id } })).passwordHash;
    expect((await call(resetRoute.POST, who, { params: { id: String(f.viewer.id) }, body: { password: "hijacked password" } })).status).toBe(403);
    await expectCode(resetPassword(f[who], f.viewer.id, { password: "hijacked password" }), "FORBIDDEN");
    expect((await db.user.findUniqueOrThrow({ where: { id: f.viewer.id } })).passwordHash).toBe(before);
  });
});

describe("changing one's own password", () => {
  async function userWith(password: string, role: "STAFF" | "VIEWER" | "OPERATOR" = "STAFF") {
    serial += 1;
    const u = await db.user.create({ data: { email: `own${serial}@test.example`, name: "自己", passwordHash: await hashPassword(password), role, stationId: role === "OPERATOR" ? f.stationA.id : null, locale: "en" } });
    return { id: u.id, email: u.email, name: u.name, role: u.role, stationId: u.stationId, locale: u.locale };
  }

  it("refuses a wrong current password, a short, unchanged or mistyped new one, each with its field error", async () => {
    const me = await userWith("my current pw");
    const attempt = (input: Record<string, string>) => changeOwnPassword(me, input).catch((e) => e.fields);
    expect(await attempt({ currentPassword: "not my password", newPassword: "a new password", confirmPassword: "a new password" })).toEqual({ currentPassword: { key: "validation.currentPasswordWrong" } });
    expect(await attempt({ currentPassword: "my current pw", newPassword: "short", confirmPassword: "short" })).toMatchObject({ newPassword: { key: "validation.tooShort" } });
    expect(await attempt({ currentPassword: "my current pw", newPassword: "my current pw", confirmPassword: "my current pw" })).toEqual({ newPassword: { key: "validation.passwordSame" } });
    expect(await attempt({ currentPassword: "my current pw", newPassword: "a new password", confirmPassword: "a new passwort" })).toEqual({ confirmPassword: { key: "validation.passwordMismatch" } });
    expect(await verifyCredentials({ email: me.email, password: "my current pw" }, ip())).toMatchObject({ id: me.id });
  });

  it("POST /api/v1/me/password changes it for any role, messages in the caller's language", async () => {
    const me = await userWith("viewer current", "VIEWER");
    const token = (await createApiToken(f.admin, { name: "me", userId: me.id })).secret;
    tokens.me = token;
    const wrong = await call(myPasswordRoute.POST, "me", { body: { currentPassword: "nope", newPassword: "viewer new pw", confirmPassword: "viewer new pw" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ currentPassword: "The current password is incorrect." });
    const short = await call(myPasswordRoute.POST, "me", { body: { currentPassword: "viewer current", newPassword: "abc", confirmPassword: "abc" } });
    expect(short.body.error.fields).toEqual({ newPassword: "At least 10 characters." });
    const ok = await call(myPasswordRoute.POST, "me", { body: { currentPassword: "viewer current", newPassword: "viewer new pw", confirmPassword: "viewer new pw" } });
    expect(ok).toEqual({ status: 200, body: { ok: true } });
    expect(await verifyCredentials({ email: me.email, password: "viewer new pw" }, ip())).toMatchObject({ id: me.id });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "changePassword", entityId: String(me.id) } });
    expect(JSON.stringify(audit)).not.toContain("viewer new pw");
  });

  it("the account page's action keeps this browser signed in: it signs in again with the new password", async () => {
    const me = await userWith("operator current", "OPERATOR");
    session.viewer = me;
    const form = (current: string, next: string, confirm = next) => {
      const d = new FormData();
      d.set("currentPassword", current);
      d.set("newPassword", next);
      d.set("confirmPassword", confirm);
      return d;
    };
    signInCalls.length = 0;
    const refused = await changeOwnPasswordAction({}, form("wrong current", "operator new 1"));
    expect(refused.fields).toEqual({ currentPassword: "The current password is incorrect." });
    expect(signInCalls).toHaveLength(0);
    // Signed in again, then sent to the account page (rendered with the new session cookie) with the success note.
    await expect(changeOwnPasswordAction({}, form("operator current", "operator new 1"))).rejects.toMatchObject({ url: "/account?changed=1" });
    expect(signInCalls).toEqual([["credentials", { email: me.email, password: "operator new 1", redirect: false }]]);
  });
});
