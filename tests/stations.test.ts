import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createStation, getStation, listStations, stationActivity, stationFormOptions, updateStation } from "@/lib/stations";
import { coverage, networkOverview } from "@/lib/stations/coverage";
import { recordSale } from "@/lib/sales";
import { expectCode, makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct } from "./network-helpers";

let f: Fixture;
let villageC: { id: number; name: string };
let villageD: { id: number };
let township2: { id: number };

beforeAll(async () => {
  f = await makeFixture();
  // Two more poor villages no station covers, and a village that is not poor; a second township.
  villageC = await db.village.create({ data: { code: "450225100003", name: "示例村003", countyId: f.county.id, townshipId: f.township.id, registeredPopulation: 800, isPoor: true } });
  villageD = await db.village.create({ data: { code: "450225100004", name: "示例村004", countyId: f.county.id, townshipId: f.township.id, registeredPopulation: 600, isPoor: true } });
  await db.village.create({ data: { code: "450225100005", name: "示例村005", countyId: f.county.id, townshipId: f.township.id, registeredPopulation: 500, isPoor: false } });
  township2 = await db.township.create({ data: { code: "450225101", name: "和睦镇", nameEn: "Hemu", countyId: f.county.id } });
});

const newStation = (over: Record<string, unknown> = {}) => ({
  code: "rs-v900", name: "示例村003服务站", level: "VILLAGE", townshipId: f.township.id, villageId: villageC.id, operatorName: "新站长",
  phone: "13800000000", openedOn: "2020-03-01", services: ["CONSIGNMENT", "PARCELS"], coveredVillageIds: [villageD.id], ...over,
});

describe("coverage", () => {
  it("counts poor villages covered by an ACTIVE station, lists the uncovered ones, and changes on suspend and reopen", async () => {
    expect(await coverage(f.viewer)).toMatchObject({ poorVillages: 4, covered: 2, uncovered: 2, percent: 50 });

    const suspended = await updateStation(f.staff, f.stationA.id, { version: 1, status: "SUSPENDED", statusReason: "站长外出务工" });
    expect(suspended).toMatchObject({ status: "SUSPENDED", statusReason: "站长外出务工", version: 2 });
    const during = await coverage(f.staff);
    expect(during).toMatchObject({ covered: 1, uncovered: 3, percent: 25 });
    expect(during.uncoveredVillages.map((v) => v.id)).toEqual([f.villageA.id, villageC.id, villageD.id]);
    expect(during.uncoveredVillages[0].inactiveStations).toEqual([{ id: f.stationA.id, code: "RS-A", status: "SUSPENDED" }]);
    expect((await networkOverview(f.viewer)).find((t) => t.id === f.township.id)).toMatchObject({ stations: 2, activeStations: 1, poorVillages: 4, coveredPoorVillages: 1 });

    const reopened = await updateStation(f.admin, f.stationA.id, { version: 2, status: "ACTIVE" });
    expect(reopened).toMatchObject({ status: "ACTIVE", statusReason: null, version: 3 });
    expect(await coverage(f.staff)).toMatchObject({ covered: 2, percent: 50 });

    const audits = await db.auditLog.findMany({ where: { entity: "Station", entityId: String(f.stationA.id) }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.action, a.actor])).toEqual([["suspend", f.staff.email], ["reopen", f.admin.email]]);
    expect(audits[0].after).toMatchObject({ status: "SUSPENDED", statusReason: "站长外出务工" });
  });

  it("closing also uncovers; suspending or closing needs a reason", async () => {
    await expect(updateStation(f.staff, f.stationB.id, { version: 1, status: "CLOSED" })).rejects.toMatchObject({ code: "VALIDATION", fields: { statusReason: { key: "stations.errors.reasonRequired" } } });
    await updateStation(f.staff, f.stationB.id, { version: 1, status: "CLOSED", statusReason: "合并到镇站" });
    expect(await coverage(f.staff)).toMatchObject({ covered: 1 });
    const s = await updateStation(f.staff, f.stationB.id, { version: 2, status: "ACTIVE", statusReason: "恢复运营" });
    expect(s.status).toBe("ACTIVE");
    expect(await coverage(f.staff)).toMatchObject({ covered: 2 });
  });

  it("rises when a new station covers two uncovered poor villages (its home village is covered automatically)", async () => {
    const s = await createStation(f.staff, newStation());
    expect(s).toMatchObject({ code: "RS-V900", status: "ACTIVE", version: 1, openedOn: "2020-03-01" });
    expect(s.coveredVillages.map((v) => v.id).sort()).toEqual([villageC.id, villageD.id].sort());
    expect(await coverage(f.staff)).toMatchObject({ covered: 4, uncovered: 0, percent: 100 });
    const audit = await db.auditLog.findFirst({ where: { entity: "Station", entityId: String(s.id), action: "create" } });
    expect(audit?.actor).toBe(f.staff.email);
  });
});

describe("creating a station: bad input", () => {
  const cases: [string, () => Record<string, unknown>, string, string?][] = [
    ["a duplicate code", () => ({ code: "RS-A" }), "code", "stations.errors.codeTaken"],
    ["a duplicate code in lower case", () => ({ code: "rs-b" }), "code", "stations.errors.codeTaken"],
    ["a code with spaces", () => ({ code: "RS V1" }), "code", "stations.errors.codeFormat"],
    ["a code over 20 characters", () => ({ code: "R".repeat(21) }), "code"],
    ["an empty code", () => ({ code: "" }), "code"],
    ["a village station without a village", () => ({ villageId: "" }), "villageId", "stations.errors.villageRequired"],
    ["a village in another township", () => ({ townshipId: township2.id }), "villageId", "stations.errors.villageNotInTownship"],
    ["an unknown township", () => ({ townshipId: 999_999 }), "townshipId", "stations.errors.unknownTownship"],
    ["an unknown covered village", () => ({ coveredVillageIds: [999_999] }), "coveredVillageIds", "stations.errors.unknownVillage"],
    ["no services", () => ({ services: [] }), "services"],
    ["an unknown service", () => ({ services: ["MASSAGE"] }), "services.0"],
    ["an opening date in the future", () => ({ openedOn: "2999-01-01" }), "openedOn", "validation.futureDate"],
    ["a bad phone number", () => ({ phone: "call me" }), "phone", "validation.phone"],
    ["an unknown level", () => ({ level: "CITY" }), "level"],
  ];
  it.each(cases)("refuses %s, writing nothing", async (_label, over, field, key) => {
    const before = await db.station.count();
    await expect(createStation(f.staff, newStation({ code: "RS-NEW", ...over() }))).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { [field]: key ? { key } : expect.anything() },
    });
    expect(await db.station.count()).toBe(before);
  });

  it("refuses station management to an OPERATOR and a VIEWER", async () => {
    await expectCode(createStation(f.operatorA, newStation({ code: "RS-OP" })), "FORBIDDEN");
    await expectCode(createStation(f.viewer, newStation({ code: "RS-VW" })), "FORBIDDEN");
    expect(await db.station.count({ where: { code: { in: ["RS-OP", "RS-VW"] } } })).toBe(0);
  });
});

describe("editing a station", () => {
  it("lets an OPERATOR change only their own station's contact fields", async () => {
    const current = await getStation(f.operatorA, f.stationA.id);
    const updated = await updateStation(f.operatorA, f.stationA.id, { version: current.version, operatorName: "韦站长", phone: "0772-5123456" });
    expect(updated).toMatchObject({ operatorName: "韦站长", phone: "0772-5123456", version: current.version + 1, name: current.name });
    for (const patch of [{ name: "改名" }, { status: "SUSPENDED", statusReason: "x" }, { coveredVillageIds: [] }, { code: "RS-X" }, { services: ["FINANCE"] }]) {
      await expectCode(updateStation(f.operatorA, f.stationA.id, { version: updated.version, ...patch }), "FORBIDDEN");
    }
    await expectCode(updateStation(f.operatorA, f.stationB.id, { version: 1, phone: "13900000000" }), "FORBIDDEN");
    await expectCode(updateStation(f.viewer, f.stationA.id, { version: updated.version, phone: "13900000000" }), "FORBIDDEN");
    expect(await getStation(f.staff, f.stationA.id)).toMatchObject({ name: current.name, status: "ACTIVE", version: updated.version });
  });

  it("refuses a stale edit with 409 and the current values", async () => {
    const current = await getStation(f.staff, f.stationA.id);
    await updateStation(f.staff, f.stationA.id, { version: current.version, name: "第一次修改" });
    await expect(updateStation(f.admin, f.stationA.id, { version: current.version, name: "第二次修改" })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { current: expect.objectContaining({ name: "第一次修改", version: current.version + 1 }) },
    });
    expect((await getStation(f.staff, f.stationA.id)).name).toBe("第一次修改");
  });

  it("lets staff change the code (unique), the covered villages and services, all audited", async () => {
    const current = await getStation(f.staff, f.stationB.id);
    await expect(updateStation(f.staff, f.stationB.id, { version: current.version, code: "RS-A" })).rejects.toMatchObject({ code: "VALIDATION", fields: { code: { key: "stations.errors.codeTaken" } } });
    const updated = await updateStation(f.staff, f.stationB.id, { version: current.version, code: "RS-B2", coveredVillageIds: [villageC.id], services: ["PARCELS", "TRAINING"] });
    expect(updated.code).toBe("RS-B2");
    expect(updated.coveredVillages.map((v) => v.id).sort()).toEqual([f.villageB.id, villageC.id].sort()); // the home village stays covered
    expect(updated.services).toEqual(["PARCELS", "TRAINING"]);
    const audit = await db.auditLog.findFirst({ where: { entity: "Station", entityId: String(f.stationB.id), action: "update" }, orderBy: { id: "desc" } });
    expect(audit?.before).toMatchObject({ code: "RS-B" });
    expect(audit?.after).toMatchObject({ code: "RS-B2" });
  });

  it("refuses an unknown station with 404", async () => {
    await expectCode(updateStation(f.staff, 999_999, { version: 1, name: "x" }), "NOT_FOUND");
  });
});

describe("reading stations", () => {
  it("lists with filters and shows coverage and activity; an OPERATOR sees only their own", async () => {
    const product = await makeProduct(f);
    const h = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id });
    await recordSale(f.staff, { productId: product.id, stationId: f.stationA.id, channel: "JD", date: "2020-05-01", quantity: 1, amountFen: 9_000, suppliers: [{ householdId: h.id, payoutFen: 7_000 }] });

    const all = await listStations(f.staff, {});
    expect(all.items.map((s) => s.code)).toEqual(["RS-A", "RS-B2", "RS-V900"]);
    const a = all.items.find((s) => s.id === f.stationA.id)!;
    expect(a).toMatchObject({ coveredVillages: 1, coveredPoorVillages: 1, households: 1, sales: 1, salesFen: 9_000, lastSaleOn: "2020-05-01", trainings: 0 });

    expect((await listStations(f.staff, { service: "TRAINING" })).items.map((s) => s.code)).toEqual(["RS-B2"]);
    expect((await listStations(f.staff, { level: "TOWNSHIP" })).total).toBe(0);
    expect((await listStations(f.staff, { townshipId: township2.id })).total).toBe(0);
    expect((await listStations(f.staff, { q: "v900" })).items.map((s) => s.code)).toEqual(["RS-V900"]);
    await expectCode(listStations(f.staff, { status: "OPEN" }), "VALIDATION");

    expect((await listStations(f.operatorB, {})).items.map((s) => s.id)).toEqual([f.stationB.id]);
    await expectCode(getStation(f.operatorB, f.stationA.id), "FORBIDDEN");
    await expectCode(listStations(f.viewer, {}), "FORBIDDEN");

    const activity = await stationActivity(f.operatorA, f.stationA.id);
    expect(activity).toMatchObject({ households: { total: 1 }, sales: { count: 1, amountFen: 9_000 }, income: { totalFen: 7_000, households: 1, byYear: [{ year: 2020, amountFen: 7_000 }] } });
    await expectCode(stationActivity(f.operatorA, f.stationB.id), "FORBIDDEN");

    const options = await stationFormOptions(f.staff);
    const village = options.flatMap((t) => t.villages).find((v) => v.id === f.villageA.id);
    expect(village?.activeStations).toContain(f.stationA.id);
  });
});
