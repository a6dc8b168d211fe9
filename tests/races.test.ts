// Concurrent writers through the lib/ functions. On PostgreSQL (npm run test:pg) the 20 calls of each case really
// run at once on separate connections (lib/db-client.ts gives the pg pool 10); on PGlite, one session serialises
// everything, so the file asserts the same rules with the calls one after another.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError, toAppError } from "@/lib/errors";
import { createHousehold, getHousehold, updateHousehold } from "@/lib/households";
import { createIncomeEntry, reverseIncomeEntry } from "@/lib/income";
import { makeFixture, type Fixture } from "./fixtures";

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const N = 20;
let f: Fixture;

const household = (code: string) => ({
  code, villageId: f.villageA.id, stationId: f.stationA.id, headName: "并发户", size: 3, type: "GENERAL", causes: ["ILLNESS"],
  registeredYear: 2016, foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true,
});

/** Runs the calls all at once (PostgreSQL) or one after another (PGlite); returns the winners and the errors. */
async function race<T>(calls: Array<() => Promise<T>>) {
  const settled = onPostgres ? await Promise.allSettled(calls.map((c) => c())) : await sequential(calls);
  return {
    won: settled.filter((s): s is PromiseFulfilledResult<T> => s.status === "fulfilled").map((s) => s.value),
    lost: settled.filter((s): s is PromiseRejectedResult => s.status === "rejected").map((s) => s.reason as unknown),
  };
}

async function sequential<T>(calls: Array<() => Promise<T>>) {
  const out: PromiseSettledResult<T>[] = [];
  for (const c of calls) out.push(await c().then((value) => ({ status: "fulfilled" as const, value }), (reason: unknown) => ({ status: "rejected" as const, reason })));
  return out;
}

/** What a loser must look like: an expected AppError (409, or the field error a duplicate code always gets), never a 500. */
const shape = (e: unknown) => (e instanceof AppError ? { status: e.status, code: e.code, key: e.msg.key, field: e.fields?.code?.key } : { unexpected: String(e) });

beforeAll(async () => {
  f = await makeFixture();
});

describe(onPostgres ? `${N} concurrent writers on PostgreSQL` : `${N} writers one after another on PGlite (one session: no real concurrency)`, () => {
  it("registering one household code: exactly one succeeds, every other call is refused as a duplicate, none is a server error", async () => {
    const { won, lost } = await race(Array.from({ length: N }, (_, i) => () => createHousehold(i % 2 ? f.staff : f.admin, household("RACE-001"))));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(N - 1);
    for (const e of lost.map(shape)) {
      // The same answer as a sequential duplicate: 400 with households.validation.codeTaken on the code field.
      expect(e).toEqual({ status: 400, code: "VALIDATION", key: "errors.validation", field: "households.validation.codeTaken" });
    }
    expect(await db.household.count({ where: { code: "RACE-001" } })).toBe(1);
  });

  it("reversing one income entry: exactly one reversal row, every other call is a 409 CONFLICT", async () => {
    const h = await createHousehold(f.staff, household("RACE-002"));
    const entry = await createIncomeEntry(f.staff, { householdId: h.id, date: "2020-05-01", category: "WAGE", source: "STATION_JOB", amountFen: 12_300 });
    const { won, lost } = await race(Array.from({ length: N }, () => () => reverseIncomeEntry(f.staff, entry.id, { reason: "并发冲正" })));
    expect(won).toHaveLength(1);
    expect(lost.map(shape)).toEqual(Array.from({ length: N - 1 }, () => ({ status: 409, code: "CONFLICT", key: "errors.alreadyReversed", field: undefined })));
    expect(await db.incomeEntry.count({ where: { reversesId: entry.id } })).toBe(1);
    expect((await db.incomeEntry.aggregate({ where: { householdId: h.id }, _sum: { amountFen: true } }))._sum.amountFen).toBe(0);
  });

  it("editing one household with the same version: one winner, every other call is a 409 CONFLICT with the current values", async () => {
    const h = await createHousehold(f.staff, household("RACE-003"));
    const { won, lost } = await race(Array.from({ length: N }, (_, i) => () => updateHousehold(f.staff, h.id, { version: h.version, headName: `编辑者${i}` })));
    expect(won).toHaveLength(1);
    expect(lost.map(shape)).toEqual(Array.from({ length: N - 1 }, () => ({ status: 409, code: "CONFLICT", key: "households.errors.stale", field: undefined })));
    const after = await getHousehold(f.staff, h.id);
    expect(after.version).toBe(h.version + 1);
    expect(after.headName).toBe(won[0].headName);
  });
});

describe("a unique violation no lib/ function mapped", () => {
  it("reaches callers as a 409 CONFLICT (errors.duplicate), not a 500", () => {
    const p2002 = Object.assign(new Error("Unique constraint failed"), { name: "PrismaClientKnownRequestError", code: "P2002" });
    expect(shape(toAppError(p2002))).toEqual({ status: 409, code: "CONFLICT", key: "errors.duplicate", field: undefined });
  });
});
