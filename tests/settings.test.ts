// ADMIN settings: the exit threshold per region and the poverty line per year, with validation, audit, refusal for
// every other role, and their immediate effect on the verdicts and the eligibility the dashboards show.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIncomeEntry } from "@/lib/income";
import { countyIncidence, progressRows } from "@/lib/progress";
import { listSettings, setExitThreshold, setPovertyLine } from "@/lib/settings";
import { expectCode, makeFixture, type Fixture } from "./fixtures";
import { makeHousehold } from "./network-helpers";

let f: Fixture;
let h: { id: number };

beforeAll(async () => {
  f = await makeFixture();
  await db.exitThreshold.create({ data: { region: "WESTERN", incidenceBelowPct: 3 } });
  h = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id, size: 50 }); // 50 of 2,000 people: 2.5%
  await db.household.update({ where: { id: h.id }, data: { foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true, waterSecure: true } });
  await createIncomeEntry(f.staff, { householdId: h.id, date: "2020-05-01", category: "WAGE", source: "MIGRANT_WORK", amountFen: 20_000_000 }); // ¥4,000 each
});

describe("exit thresholds", () => {
  it("an ADMIN changes the threshold; the county verdict follows at once; the change is audited", async () => {
    expect(await countyIncidence(f.viewer, 2020)).toMatchObject({ percent: 2.5, thresholdPct: 3, exitReady: true });
    expect(await setExitThreshold(f.admin, { region: "WESTERN", incidenceBelowPct: "2.5" })).toEqual({ region: "WESTERN", incidenceBelowPct: 2.5 });
    expect(await countyIncidence(f.viewer, 2020)).toMatchObject({ thresholdPct: 2.5, exitReady: false }); // strictly below
    const audit = await db.auditLog.findFirst({ where: { entity: "ExitThreshold", entityId: "WESTERN" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actor: f.admin.email, action: "update", before: { incidenceBelowPct: 3 }, after: { incidenceBelowPct: 2.5 } });
    await setExitThreshold(f.admin, { region: "WESTERN", incidenceBelowPct: 3 });
  });

  it("refuses bad values with field messages, and every role but ADMIN", async () => {
    await expect(setExitThreshold(f.admin, { region: "WESTERN", incidenceBelowPct: "0" })).rejects.toMatchObject({ fields: { incidenceBelowPct: { key: "settings.validation.thresholdRange" } } });
    await expect(setExitThreshold(f.admin, { region: "WESTERN", incidenceBelowPct: "2.555" })).rejects.toMatchObject({ fields: { incidenceBelowPct: { key: "settings.validation.twoDecimals" } } });
    await expect(setExitThreshold(f.admin, { region: "EASTERN", incidenceBelowPct: "2" })).rejects.toMatchObject({ fields: { region: { key: "validation.choice" } } });
    for (const who of [f.staff, f.viewer, f.operatorA]) {
      await expectCode(setExitThreshold(who, { region: "WESTERN", incidenceBelowPct: 1 }), "FORBIDDEN");
      await expectCode(setPovertyLine(who, { year: 2020, yuan: "4000" }), "FORBIDDEN");
      await expectCode(listSettings(who), "FORBIDDEN");
    }
    expect((await db.exitThreshold.findUniqueOrThrow({ where: { region: "WESTERN" } })).incidenceBelowPct.toString()).toBe("3");
  });
});

describe("poverty lines", () => {
  it("an ADMIN adds and corrects a year's line; household eligibility follows (strictly above the line)", async () => {
    await setPovertyLine(f.admin, { year: "2020", yuan: "4,000", verified: "on", note: "2020 年标准" });
    const rows = async () => (await progressRows(f.viewer, { year: 2020, level: "household", parent: f.villageA.code })).households;
    expect((await rows())[0]).toMatchObject({ perCapitaFen: 400_000, povertyLineFen: 400_000, exitEligible: false });
    await setPovertyLine(f.admin, { year: 2020, yuan: "3999.99", verified: "on" });
    expect((await rows())[0]).toMatchObject({ povertyLineFen: 399_999, exitEligible: true });
    const settings = await listSettings(f.admin);
    expect(settings.lines).toEqual([expect.objectContaining({ year: 2020, fenPerPerson: 399_999, verified: true, note: null })]);
    expect(settings.thresholds.map((t) => [t.region, t.incidenceBelowPct])).toEqual([["WESTERN", 3], ["OTHER", null]]);
    expect(await db.auditLog.count({ where: { entity: "PovertyLine", entityId: "2020" } })).toBe(2);
  });

  it("refuses a missing, malformed or zero amount", async () => {
    await expect(setPovertyLine(f.admin, { year: 2021, yuan: "" })).rejects.toMatchObject({ fields: { yuan: expect.anything() } });
    await expect(setPovertyLine(f.admin, { year: 2021, yuan: "12.345" })).rejects.toMatchObject({ fields: { yuan: expect.anything() } });
    await expect(setPovertyLine(f.admin, { year: 2021, yuan: "0" })).rejects.toMatchObject({ fields: { yuan: { key: "validation.positiveMoney" } } });
    await expect(setPovertyLine(f.admin, { year: 1899, yuan: "100" })).rejects.toMatchObject({ fields: { year: expect.anything() } });
    expect(await db.povertyLine.count({ where: { year: 2021 } })).toBe(0);
  });
});
