// Sign-in throttling (lib/auth/throttle.ts through verifyCredentials): per account, per client address, counters in
// the database shared by separate limiter instances (and, on PostgreSQL, separate connection pools), reset on
// success, and the same answers for known and unknown emails.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createPrismaClient, closePrismaClient } from "@/lib/db-client";
import { verifyCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { beginSignInAttempt, clientAddress, createSignInLimiters, signInRetryAfter, SIGN_IN_LIMITS } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";
import { makeFixture, type Fixture } from "./fixtures";

let f: Fixture;
const PASSWORD = "correct horse battery";
let serial = 0;
/** A fresh client address per test, so the per-address limit of one test does not leak into another. */
const address = () => `10.0.0.${++serial}`;

async function makeUser(email: string) {
  return db.user.create({ data: { email, name: "限流测试", passwordHash: await hashPassword(PASSWORD), role: "STAFF" } });
}

/** What a refused or failed attempt looks like, stripped of timing, to compare known and unknown emails. */
async function outcome(promise: Promise<unknown>) {
  try {
    const value = await promise;
    return value === null ? { result: "null" } : { result: "signed-in" };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { result: "error", code: error.code, status: error.status, key: error.msg.key };
  }
}

beforeAll(async () => {
  f = await makeFixture();
});

describe("per account", () => {
  it("refuses the 6th attempt in 15 minutes even with the right password, with the generic 429 answer", async () => {
    const user = await makeUser("locked@test.example");
    const ip = address();
    for (let i = 0; i < SIGN_IN_LIMITS.account.points; i++) {
      // A different address each time: only the account counter is at play.
      expect(await verifyCredentials({ email: user.email, password: `wrong ${i}` }, address())).toBeNull();
    }
    const refused = verifyCredentials({ email: user.email, password: PASSWORD }, ip);
    await expect(refused).rejects.toMatchObject({ code: "RATE_LIMITED", status: 429, msg: { key: "errors.rateLimited" } });
    const error = (await refused.catch((e) => e)) as AppError;
    const retry = (error.details as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // The email's case and spaces do not open a second counter.
    await expect(verifyCredentials({ email: "  LOCKED@test.example ", password: PASSWORD }, address())).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await signInRetryAfter("locked@test.example", address())).toBeGreaterThan(14 * 60);
  });

  it("answers an unknown email exactly like a known one, failures and lock alike (no enumeration)", async () => {
    await makeUser("known@test.example");
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.account.points + 2; i++) {
      known.push(await outcome(verifyCredentials({ email: "known@test.example", password: "wrong password" }, address())));
      unknown.push(await outcome(verifyCredentials({ email: "nobody-here@test.example", password: "wrong password" }, address())));
    }
    expect(unknown).toEqual(known);
    expect(known.slice(0, 5)).toEqual(Array(5).fill({ result: "null" }));
    expect(known[5]).toEqual({ result: "error", code: "RATE_LIMITED", status: 429, key: "errors.rateLimited" });
  });

  it("clears the account's counter on a successful sign-in", async () => {
    const user = await makeUser("reset@test.example");
    for (let i = 0; i < 4; i++) expect(await verifyCredentials({ email: user.email, password: "nope" }, address())).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: PASSWORD }, address())).toMatchObject({ id: user.id });
    expect(await db.rateLimiterFlexible.findUnique({ where: { key: "signin:account:reset@test.example" } })).toBeNull();
    // A fresh allowance of 5 failures; the 6th attempt is refused.
    for (let i = 0; i < 5; i++) expect(await verifyCredentials({ email: user.email, password: "nope" }, address())).toBeNull();
    await expect(verifyCredentials({ email: user.email, password: PASSWORD }, address())).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("audits failures with the email typed and the address, never the password; the lock once, later refusals not", async () => {
    const ip = address();
    for (let i = 0; i < 8; i++) await verifyCredentials({ email: "audited@test.example", password: "secret-guess-123" }, ip).catch(() => null);
    const rows = await db.auditLog.findMany({ where: { action: { in: ["signInFailed", "signInLocked"] }, after: { path: ["email"], equals: "audited@test.example" } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.action)).toEqual([...Array(5).fill("signInFailed"), "signInLocked"]);
    expect(rows[0]).toMatchObject({ actor: "system", userId: null, entity: "User", after: { email: "audited@test.example", clientAddress: ip } });
    expect(JSON.stringify(rows)).not.toContain("secret-guess-123");
  });
});

describe("per client address", () => {
  it("locks an address after 50 failures across accounts; other addresses and that account elsewhere still work", async () => {
    const user = await makeUser("victim@test.example");
    const ip = address();
    for (let i = 0; i < SIGN_IN_LIMITS.address.points; i++) {
      expect(await verifyCredentials({ email: `spray${i}@test.example`, password: "Password1!" }, ip)).toBeNull();
    }
    await expect(verifyCredentials({ email: user.email, password: PASSWORD }, ip)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await verifyCredentials({ email: user.email, password: PASSWORD }, address())).toMatchObject({ id: user.id });
  });

  it("does not count successful sign-ins against the address (an office behind one NAT)", async () => {
    const user = await makeUser("office@test.example");
    const ip = address();
    for (let i = 0; i < SIGN_IN_LIMITS.address.points + 5; i++) {
      expect(await verifyCredentials({ email: user.email, password: PASSWORD }, ip)).toMatchObject({ id: user.id });
    }
  });

  it("reads the address from the first X-Forwarded-For hop, else X-Real-IP, else 'unknown'", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": " 203.0.113.7 , 10.0.0.1", "x-real-ip": "198.51.100.2" }))).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientAddress(new Headers())).toBe("unknown");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});

describe("the counter lives in the database", () => {
  it("is shared by separate limiter instances (on PostgreSQL: separate connection pools, like two app processes)", async () => {
    const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? "");
    const other = onPostgres ? createPrismaClient() : db;
    try {
      const first = createSignInLimiters(db);
      const second = createSignInLimiters(other);
      const ip = address();
      for (let i = 0; i < 3; i++) {
        const attempt = await beginSignInAttempt("shared@test.example", ip, first);
        expect(attempt.allowed).toBe(true);
        if (attempt.allowed) await attempt.release(false);
      }
      expect((await second.account.get("shared@test.example"))?.consumedPoints).toBe(3);
      for (let i = 0; i < 2; i++) expect((await beginSignInAttempt("shared@test.example", ip, second)).allowed).toBe(true);
      // The 6th attempt, through the first instance, is refused by what the second counted.
      expect(await beginSignInAttempt("shared@test.example", ip, first)).toMatchObject({ allowed: false, justLocked: true });
      const row = await db.rateLimiterFlexible.findUniqueOrThrow({ where: { key: "signin:account:shared@test.example" } });
      expect(row.points).toBe(6);
      expect(row.expire!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    } finally {
      if (other !== db) await closePrismaClient(other);
    }
  });

  it("counts parallel attempts atomically: of 12 at once, exactly 5 get to check the password", async () => {
    const ip = address();
    const results = await Promise.all(Array.from({ length: 12 }, () => beginSignInAttempt("burst@test.example", ip)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });
});
