import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listTrainings, recordTraining } from "@/lib/trainings";
import { expectCode, makeFixture, type Fixture } from "./fixtures";
import { makeHousehold } from "./network-helpers";

let f: Fixture;
let hA1: { id: number }, hA2: { id: number }, hB: { id: number };

beforeAll(async () => {
  f = await makeFixture();
  hA1 = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id });
  hA2 = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id });
  hB = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id });
});

const session = (over: Record<string, unknown> = {}) => ({ stationId: f.stationA.id, date: "2020-04-10", topic: "网店开设与直播带货", attendeeCount: 25, householdIds: [hA1.id, hA2.id], ...over });

describe("trainings", () => {
  it("records a session with attendee households, audited, and lists it per station and county", async () => {
    const t = await recordTraining(f.operatorA, session());
    expect(t).toMatchObject({ date: "2020-04-10", attendeeCount: 25, station: { code: "RS-A" } });
    expect(t.households.map((h) => h.id)).toEqual([hA1.id, hA2.id]);
    expect(await db.auditLog.count({ where: { entity: "TrainingSession", entityId: String(t.id) } })).toBe(1);
    await recordTraining(f.staff, session({ stationId: f.stationB.id, householdIds: [hB.id, hA1.id], attendeeCount: 10, date: "2020-05-01" }));

    const county = await listTrainings(f.staff, {});
    expect(county.items.map((x) => x.date)).toEqual(["2020-05-01", "2020-04-10"]);
    expect(county.totals).toEqual({ sessions: 2, attendees: 35, households: 3 });
    expect((await listTrainings(f.staff, { stationId: f.stationB.id })).total).toBe(1);
    const own = await listTrainings(f.operatorA, {});
    expect(own.items.map((x) => x.station.code)).toEqual(["RS-A"]);
    await expectCode(listTrainings(f.operatorA, { stationId: f.stationB.id }), "FORBIDDEN");
    await expectCode(listTrainings(f.viewer, {}), "FORBIDDEN");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["fewer attendees than listed households", { attendeeCount: 1 }, "attendeeCount"],
    ["zero attendees", { attendeeCount: 0, householdIds: [] }, "attendeeCount"],
    ["a date in the future", { date: "2999-12-31" }, "date"],
    ["an empty topic", { topic: "  " }, "topic"],
    ["a topic over 200 characters", { topic: "培".repeat(201) }, "topic"],
    ["an unknown household", { householdIds: [999_999] }, "householdIds"],
    ["an unknown station", { stationId: 999_999 }, "stationId"],
  ])("refuses %s, writing nothing", async (_label, over, field) => {
    const before = await db.trainingSession.count();
    await expect(recordTraining(f.staff, session(over))).rejects.toMatchObject({ code: "VALIDATION", fields: { [field]: expect.anything() } });
    expect(await db.trainingSession.count()).toBe(before);
  });

  it("keeps an OPERATOR to their own station and its households", async () => {
    const before = await db.trainingSession.count();
    await expectCode(recordTraining(f.operatorA, session({ stationId: f.stationB.id, householdIds: [hB.id] })), "FORBIDDEN");
    await expect(recordTraining(f.operatorA, session({ householdIds: [hA1.id, hB.id] }))).rejects.toMatchObject({ code: "FORBIDDEN", fields: { householdIds: expect.anything() } });
    await expectCode(recordTraining(f.viewer, session()), "FORBIDDEN");
    expect(await db.trainingSession.count()).toBe(before);
  });
});
