import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyCredentials, loadViewer } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { sectionsFor } from "@/lib/auth/navigation";
import { createApiToken, revokeApiToken, viewerForToken, hashToken } from "@/lib/auth/tokens";
import { getStation } from "@/lib/stations";
import { updateUser, setOwnLocale } from "@/lib/users";
import { listAuditLog } from "@/lib/audit-log";
import { expectCode, makeFixture, type Fixture } from "./fixtures";

let f: Fixture;

beforeAll(async () => {
  f = await makeFixture();
  await db.user.update({ where: { id: f.staff.id }, data: { passwordHash: await hashPassword("correct horse battery") } });
});

describe("sign-in", () => {
  it("accepts the right email and password, case-insensitively on the email", async () => {
    const viewer = await verifyCredentials({ email: "  STAFF@test.example ", password: "correct horse battery" });
    expect(viewer).toMatchObject({ id: f.staff.id, role: "STAFF" });
  });

  it.each([
    ["wrong password", { email: "staff@test.example", password: "wrong" }],
    ["unknown email", { email: "nobody@test.example", password: "correct horse battery" }],
    ["empty fields", { email: "", password: "" }],
    ["malformed email", { email: "not-an-email", password: "correct horse battery" }],
    ["over-long email", { email: `${"a".repeat(300)}@test.example`, password: "correct horse battery" }],
    ["10 kB password", { email: "staff@test.example", password: "x".repeat(10_240) }],
    ["SQL in the fields", { email: "' OR 1=1 --@test.example", password: "' OR '1'='1" }],
    ["HTML in the fields", { email: "<script>alert(1)</script>", password: "<b>x</b>" }],
    ["not an object", "staff@test.example"],
  ])("refuses %s with the same null answer", async (_label, input) => {
    expect(await verifyCredentials(input)).toBeNull();
  });

  it("refuses a deactivated user", async () => {
    await db.user.update({ where: { id: f.viewer.id }, data: { active: false, passwordHash: await hashPassword("viewer password 1") } });
    expect(await verifyCredentials({ email: f.viewer.email, password: "viewer password 1" })).toBeNull();
    expect(await loadViewer(f.viewer.id)).toBeNull();
    await db.user.update({ where: { id: f.viewer.id }, data: { active: true } });
  });
});

describe("roles", () => {
  it("shows each role only its navigation", () => {
    const keys = (role: "ADMIN" | "STAFF" | "OPERATOR" | "VIEWER") => sectionsFor({ role, stationId: 1 }).map((s) => s.key);
    expect(keys("ADMIN")).toEqual(["dashboard", "progress", "stations", "households", "income", "products", "sales", "monitoring", "reports", "admin"]);
    expect(keys("STAFF")).toEqual(["dashboard", "progress", "stations", "households", "income", "products", "sales", "monitoring", "reports"]);
    expect(keys("OPERATOR")).toEqual(["dashboard", "progress", "stations", "households", "income", "products", "sales", "monitoring", "reports"]);
    expect(keys("VIEWER")).toEqual(["dashboard", "progress", "monitoring", "reports"]);
  });

  it("refuses an OPERATOR reading another station, allows their own", async () => {
    await expectCode(getStation(f.operatorA, f.stationB.id), "FORBIDDEN");
    expect((await getStation(f.operatorA, f.stationA.id)).code).toBe("RS-A");
    expect((await getStation(f.staff, f.stationB.id)).code).toBe("RS-B");
  });

  it("applies a changed role on the next request and audits it", async () => {
    const target = await db.user.create({ data: { email: "promote@test.example", name: "示例", passwordHash: "x", role: "VIEWER" } });
    await updateUser(f.admin, target.id, { role: "OPERATOR", stationId: f.stationB.id, active: true });
    expect(await loadViewer(target.id)).toMatchObject({ role: "OPERATOR", stationId: f.stationB.id });
    const log = await db.auditLog.findFirst({ where: { entity: "User", entityId: String(target.id), action: "update" } });
    expect(log).toMatchObject({ actor: f.admin.email, before: expect.objectContaining({ role: "VIEWER" }), after: expect.objectContaining({ role: "OPERATOR" }) });
  });

  it("refuses user administration to non-admins and changes nothing", async () => {
    await expectCode(updateUser(f.staff, f.viewer.id, { role: "ADMIN", active: true }), "FORBIDDEN");
    expect((await db.user.findUniqueOrThrow({ where: { id: f.viewer.id } })).role).toBe("VIEWER");
    await expectCode(listAuditLog(f.operatorA, {}), "FORBIDDEN");
  });

  it("rejects an operator without a station with a field error", async () => {
    await expect(updateUser(f.admin, f.viewer.id, { role: "OPERATOR", stationId: "", active: true })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { stationId: { key: "validation.operatorStation" } },
    });
  });

  it("stops an admin from locking themselves out", async () => {
    await expectCode(updateUser(f.admin, f.admin.id, { role: "STAFF", active: true }), "CONFLICT");
  });

  it("remembers a user's language, as a preference without an audit row", async () => {
    await setOwnLocale(f.staff, "en");
    expect((await loadViewer(f.staff.id))?.locale).toBe("en");
    expect(await db.auditLog.count({ where: { entity: "User", entityId: String(f.staff.id), action: "setLocale" } })).toBe(0);
    await expectCode(setOwnLocale(f.staff, "fr"), "VALIDATION");
  });
});

describe("API tokens", () => {
  it("stores only a hash, authenticates until revoked, and refuses malformed tokens", async () => {
    const token = await createApiToken(f.admin, { name: "报表系统", userId: f.viewer.id });
    expect(token.secret).toMatch(/^rs_/);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(stored.tokenHash).toBe(hashToken(token.secret));
    expect(JSON.stringify(stored)).not.toContain(token.secret);
    expect(await viewerForToken(token.secret)).toMatchObject({ id: f.viewer.id, role: "VIEWER" });
    await revokeApiToken(f.admin, token.id);
    expect(await viewerForToken(token.secret)).toBeNull();
    expect(await viewerForToken("rs_short")).toBeNull();
    expect(await viewerForToken(`${token.secret.slice(0, -1)}A`)).toBeNull();
    const audits = await db.auditLog.findMany({ where: { entity: "ApiToken", entityId: String(token.id) }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["create", "revoke"]);
  });

  it("refuses token creation to non-admins", async () => {
    await expectCode(createApiToken(f.staff, { name: "x", userId: f.staff.id }), "FORBIDDEN");
    expect(await db.apiToken.count({ where: { name: "x" } })).toBe(0);
  });
});
