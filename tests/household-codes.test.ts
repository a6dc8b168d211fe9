// The next household code of a village (lib/households/codes.ts, nextHouseholdCode): the rule, who may ask, and
// that a suggested code taken in the meantime is still the form's "code taken" field error.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createHousehold, householdCode, householdSerial, nextCodeAfter, nextHouseholdCode } from "@/lib/households";
import { expectCode, makeFixture, type Fixture } from "./fixtures";

let f: Fixture;

function household(code: string, villageId: number, stationId: number) {
  return {
    code, villageId, stationId, headName: "示例户主", size: 3, type: "GENERAL", causes: ["ILLNESS"], registeredYear: 2016,
    foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true,
  };
}

beforeAll(async () => {
  f = await makeFixture();
});

describe("the code rule", () => {
  it("is the village's code, a dash and a four-digit serial, wider only past 9999", () => {
    expect(householdCode("450225205001", 42)).toBe("450225205001-0042");
    expect(householdCode("450225205001", 12345)).toBe("450225205001-12345");
    expect(householdSerial("450225205001", "450225205001-0042")).toBe(42);
    expect(householdSerial("450225205001", "450225205002-0042")).toBeNull();
    expect(householdSerial("450225205001", "450225205001-A7")).toBeNull();
  });

  it("is one past the highest serial in the pattern, never a gap, ignoring codes in another shape", () => {
    const v = "450225205001";
    expect(nextCodeAfter(v, [])).toBe(`${v}-0001`);
    expect(nextCodeAfter(v, [`${v}-0001`, `${v}-0007`, `${v}-0003`])).toBe(`${v}-0008`);
    expect(nextCodeAfter(v, [`${v}-0002`, `${v}-X9999`, `${v}-9999-B`])).toBe(`${v}-0003`);
    expect(nextCodeAfter(v, [`${v}-9999`])).toBe(`${v}-10000`);
  });
});

describe("nextHouseholdCode", () => {
  it("answers the next free code of the chosen village, from the registry", async () => {
    const v = f.villageA.code;
    expect((await nextHouseholdCode(f.staff, { villageId: f.villageA.id })).code).toBe(householdCode(v, 1));
    await createHousehold(f.staff, household(householdCode(v, 1), f.villageA.id, f.stationA.id));
    await createHousehold(f.staff, household(householdCode(v, 5), f.villageA.id, f.stationA.id));
    await createHousehold(f.staff, household("HAND-TYPED-1", f.villageA.id, f.stationA.id));
    expect(await nextHouseholdCode(f.staff, { villageId: String(f.villageA.id) })).toEqual({ villageId: f.villageA.id, code: householdCode(v, 6) });
    // The other village has its own serials.
    expect((await nextHouseholdCode(f.staff, { villageId: f.villageB.id })).code).toBe(householdCode(f.villageB.code, 1));
  });

  it("counts a code of the village's pattern even when that household now lives in another village", async () => {
    const code = householdCode(f.villageB.code, 40);
    await createHousehold(f.staff, household(code, f.villageA.id, f.stationA.id));
    expect((await nextHouseholdCode(f.admin, { villageId: f.villageB.id })).code).toBe(householdCode(f.villageB.code, 41));
  });

  it("lets an operator ask for their own station, and refuses another station's, a viewer and an operator without a station", async () => {
    const { code } = await nextHouseholdCode(f.operatorA, { villageId: f.villageA.id, stationId: f.stationA.id });
    expect(code.startsWith(`${f.villageA.code}-`)).toBe(true);
    await expectCode(nextHouseholdCode(f.operatorB, { villageId: f.villageA.id, stationId: f.stationA.id }), "FORBIDDEN");
    await expectCode(nextHouseholdCode(f.viewer, { villageId: f.villageA.id }), "FORBIDDEN");
    await expectCode(nextHouseholdCode({ ...f.operatorA, stationId: null }, { villageId: f.villageA.id }), "FORBIDDEN");
  });

  it("answers a field error for an unknown or missing village", async () => {
    await expect(nextHouseholdCode(f.staff, { villageId: 999_999 })).rejects.toMatchObject({ code: "VALIDATION", fields: { villageId: { key: "households.validation.unknownVillage" } } });
    await expect(nextHouseholdCode(f.staff, {})).rejects.toMatchObject({ code: "VALIDATION", fields: { villageId: expect.anything() } });
  });

  it("does not reserve the code: a suggestion taken in the meantime is the code-taken field error", async () => {
    const { code } = await nextHouseholdCode(f.staff, { villageId: f.villageB.id });
    await createHousehold(f.staff, household(code, f.villageB.id, f.stationB.id));
    await expect(createHousehold(f.operatorB, household(code, f.villageB.id, f.stationB.id))).rejects.toMatchObject({
      code: "VALIDATION", fields: { code: { key: "households.validation.codeTaken" } },
    });
    expect(await db.household.count({ where: { code } })).toBe(1);
    expect((await nextHouseholdCode(f.operatorB, { villageId: f.villageB.id })).code).not.toBe(code);
  });
});
