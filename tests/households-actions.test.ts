// The server actions behind the household and income pages refuse another station's household just like the lib
// functions and the API: the signed-in user is mocked, everything below the action is real.
import { beforeAll, describe, expect, it } from "vitest";
import { form, session } from "./action-session";
import { db } from "@/lib/db";
import { createHousehold } from "@/lib/households";
import { createIncomeEntry } from "@/lib/income";
import { makeFixture, type Fixture } from "./fixtures";

const { updateHouseholdAction, changeStatusAction, searchHouseholdsAction, createHouseholdAction } = await import("@/app/(dashboard)/households/actions");
const { createIncomeAction, reverseEntryAction } = await import("@/app/(dashboard)/income/actions");

let f: Fixture;
let idB: number;
let entryB: number;


beforeAll(async () => {
  f = await makeFixture();
  await db.povertyLine.create({ data: { year: 2020, fenPerPerson: 400_000 } });
  idB = (await createHousehold(f.staff, { code: "ACT-B", villageId: f.villageB.id, stationId: f.stationB.id, headName: "乙户", size: 2, type: "GENERAL", registeredYear: 2016 })).id;
  entryB = (await createIncomeEntry(f.staff, { householdId: idB, date: "2020-01-02", category: "WAGE", source: "OTHER", amountFen: 500 })).id;
});

describe("server actions, as an operator of station A", () => {
  it("cannot edit, change status of, record income for, or reverse entries of station B's household", async () => {
    session.viewer = f.operatorA;
    const before = await db.household.findUniqueOrThrow({ where: { id: idB } });
    const edit = await updateHouseholdAction(idB, {}, form({ version: "1", headName: "篡改", villageId: String(f.villageB.id), size: "2", type: "GENERAL", registeredYear: "2016" }));
    expect(edit).toMatchObject({ error: "You are not allowed to do this." });
    expect(edit.ok).toBeUndefined();
    const status = await changeStatusAction(idB, {}, form({ toStatus: "EXITED", year: "2020", reason: "x" }));
    expect(status.error).toBe("You are not allowed to do this.");
    const entry = await createIncomeAction({ householdId: String(idB), date: "2020-03-01", category: "WAGE", source: "OTHER", amount: "10", note: "" });
    expect(entry.error).toBe("You are not allowed to do this.");
    const reversal = await reverseEntryAction(entryB, {}, form({ reason: "猜 ID" }));
    expect(reversal.error).toBe("You are not allowed to do this.");
    expect(await searchHouseholdsAction("ACT")).toEqual([]);
    expect(await db.household.findUniqueOrThrow({ where: { id: idB } })).toMatchObject({ headName: before.headName, version: before.version, status: "POOR" });
    expect(await db.incomeEntry.count({ where: { householdId: idB } })).toBe(1);
  });

  it("gets field errors in the user's language and keeps what was typed", async () => {
    session.viewer = f.operatorA;
    const state = await createHouseholdAction({}, form({ code: "ACT A", headName: "", villageId: String(f.villageA.id), size: "0", type: "GENERAL", registeredYear: "2016", causes: ["ILLNESS", "NO_SKILLS"] }));
    expect(state.fields).toMatchObject({ code: "Use letters, digits and hyphens (-) only.", headName: "Required.", size: "Must be at least 1." });
    expect(state.values).toMatchObject({ code: "ACT A", causes: ["ILLNESS", "NO_SKILLS"] });
    expect(await db.household.count({ where: { code: "ACT A" } })).toBe(0);
  });

  it("records income for the own station in yuan", async () => {
    session.viewer = f.operatorA;
    const own = await createHousehold(f.staff, { code: "ACT-A", villageId: f.villageA.id, stationId: f.stationA.id, headName: "甲户", size: 2, type: "GENERAL", registeredYear: 2016 });
    const res = await createIncomeAction({ householdId: String(own.id), date: "2020-03-01", category: "WAGE", source: "OTHER", amount: "12.30", note: "" });
    expect(res).toMatchObject({ ok: true, entry: { amountFen: 1230 } });
    const zero = await createIncomeAction({ householdId: String(own.id), date: "2020-03-01", category: "WAGE", source: "OTHER", amount: "0", note: "" });
    expect(zero.fields).toEqual({ amount: "The amount must be more than 0." });
  });
});
