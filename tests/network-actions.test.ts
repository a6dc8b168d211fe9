// The server actions behind the station, sale, training and product pages: the signed-in user is mocked, everything
// below the action is real. An OPERATOR is refused another station's data here exactly as in lib/ and the API.
import { beforeAll, describe, expect, it } from "vitest";
import { form, session } from "./action-session";
import { db } from "@/lib/db";
import { recordSale } from "@/lib/sales";
import { makeFixture, type Fixture } from "./fixtures";
import { makeHousehold, makeProduct, saleWrites } from "./network-helpers";

const sales = await import("@/app/(dashboard)/sales/actions");
const stations = await import("@/app/(dashboard)/stations/actions");
const products = await import("@/app/(dashboard)/products/actions");

let f: Fixture;
let product: { id: number };
let hA: { id: number }, hB: { id: number };


const saleForm = (over: Record<string, string | string[]> = {}) =>
  form({ productId: String(product.id), stationId: String(f.stationA.id), channel: "TAOBAO", date: "2020-05-05", quantity: "3", amount: "1,234.5", note: "", supplierHouseholdId: [String(hA.id)], supplierPayout: ["1000.25"], ...over });

/** Runs an action that redirects on success; returns the redirect URL or the state it returned instead. */
async function redirected(run: () => Promise<unknown>): Promise<string | unknown> {
  try {
    return await run();
  } catch (e) {
    if ((e as { url?: string }).url) return (e as { url: string }).url;
    throw e;
  }
}

beforeAll(async () => {
  f = await makeFixture();
  product = await makeProduct(f);
  hA = await makeHousehold(f, { villageId: f.villageA.id, stationId: f.stationA.id, size: 3 });
  hB = await makeHousehold(f, { villageId: f.villageB.id, stationId: f.stationB.id, size: 2 });
});

describe("server actions as an operator of station A", () => {
  it("refuse a sale for station B, or naming station B's household, and write nothing", async () => {
    session.viewer = f.operatorA;
    const before = await saleWrites();
    expect(await sales.recordSaleAction({}, saleForm({ stationId: String(f.stationB.id), supplierHouseholdId: [], supplierPayout: [] }))).toMatchObject({ error: "You are not allowed to do this." });
    const foreign = await sales.recordSaleAction({}, saleForm({ supplierHouseholdId: [String(hB.id)], supplierPayout: ["10"] }));
    expect(foreign).toMatchObject({ error: "Name only households your station serves.", fields: { "suppliers.0.householdId": expect.stringContaining("not served by your station") } });
    expect(await saleWrites()).toEqual(before);
  });

  it("record their own station's sale with yuan turned into fen, and field errors come back in the user's language", async () => {
    session.viewer = f.operatorA;
    const url = await redirected(() => sales.recordSaleAction({}, saleForm()));
    expect(url).toMatch(/^\/sales\/\d+\?recorded=1$/);
    const sale = await db.sale.findUniqueOrThrow({ where: { id: Number(String(url).match(/\d+/)![0]) }, include: { suppliers: true } });
    expect(sale.amountFen).toBe(123_450);
    expect(sale.suppliers).toEqual([expect.objectContaining({ householdId: hA.id, payoutFen: 100_025 })]);
    const bad = await sales.recordSaleAction({}, saleForm({ amount: "12.345", quantity: "-1", supplierPayout: ["abc"] }));
    expect(bad.fields).toMatchObject({ amountFen: "Amounts are in whole fen (cents).", quantity: "Quantity must be more than 0.", "suppliers.0.payoutFen": expect.any(String) });
  });

  it("refuse reversing station B's sale, station edits beyond the contact fields, status changes and new stations", async () => {
    session.viewer = f.operatorA;
    const { sale } = await recordSale(f.staff, { productId: product.id, stationId: f.stationB.id, channel: "JD", date: "2020-05-06", quantity: 1, amountFen: 500, suppliers: [] });
    expect((await sales.reverseSaleAction(sale.id, {}, form({ reason: "猜 ID" }))).error).toBe("You are not allowed to do this.");
    expect((await db.sale.findUniqueOrThrow({ where: { id: sale.id } })).reversedAt).toBeNull();

    expect((await stations.updateStationAction(f.stationA.id, {}, form({ version: "1", name: "篡改", operatorName: "x" }))).error).toBe("You are not allowed to do this.");
    expect((await stations.updateStationAction(f.stationB.id, {}, form({ version: "1", phone: "13900000000" }))).error).toBe("You are not allowed to do this.");
    expect((await stations.changeStationStatusAction(f.stationA.id, {}, form({ version: "1", status: "SUSPENDED", statusReason: "x" }))).error).toBe("You are not allowed to do this.");
    expect((await stations.createStationAction({}, form({ code: "RS-OP", name: "x" }))).error).toBe("You are not allowed to do this.");
    expect(await db.station.findUniqueOrThrow({ where: { id: f.stationA.id } })).toMatchObject({ name: f.stationA.name, status: "ACTIVE", version: 1 });

    expect(await redirected(() => stations.updateStationAction(f.stationA.id, {}, form({ version: "1", operatorName: "韦站长", phone: "0772-5123456" })))).toBe(`/stations/${f.stationA.id}?saved=1`);
    expect(await db.station.findUniqueOrThrow({ where: { id: f.stationA.id } })).toMatchObject({ operatorName: "韦站长", phone: "0772-5123456", version: 2 });
  });

  it("refuse a training naming station B's household; the picker offers only their own households", async () => {
    session.viewer = f.operatorA;
    const state = await stations.recordTrainingAction({}, form({ stationId: String(f.stationA.id), date: "2020-05-01", topic: "直播", attendeeCount: "5", householdIds: [String(hA.id), String(hB.id)] }));
    expect(state.error).toBe("Name only households your station serves.");
    expect(await db.trainingSession.count()).toBe(0);
    expect((await sales.searchSuppliersAction("测试户主", f.stationA.id)).map((h) => h.id)).toEqual([hA.id]);
  });

  it("refuse catalog changes", async () => {
    session.viewer = f.operatorA;
    expect((await products.createProductAction({}, form({ code: "OP-1", name: "x", category: "TEA", unit: "斤", price: "1" }))).error).toBe("You are not allowed to do this.");
    expect((await products.setPhotoAction(product.id, {}, form({ photo: new Blob(["x"]) }))).error).toBe("You are not allowed to do this.");
  });
});

describe("server actions as staff", () => {
  it("create a station from the form (services and covered villages as repeated fields), suspend it with a reason", async () => {
    session.viewer = f.staff;
    const url = await redirected(() => stations.createStationAction({}, form({
      code: "rs-act", name: "表单服务站", level: "TOWNSHIP", townshipId: String(f.township.id), villageId: "", operatorName: "站长", phone: "",
      openedOn: "2020-01-01", servicesShown: "1", services: ["PARCELS", "TRAINING"], coveredShown: "1", coveredVillageIds: [String(f.villageA.id), String(f.villageB.id)],
    })));
    expect(url).toMatch(/^\/stations\/\d+\?created=1$/);
    const id = Number(String(url).match(/\d+/)![0]);
    expect(await db.stationVillage.count({ where: { stationId: id } })).toBe(2);
    const noReason = await stations.changeStationStatusAction(id, {}, form({ version: "1", status: "SUSPENDED", statusReason: "" }));
    expect(noReason.fields).toEqual({ statusReason: "Give a reason to suspend or close a station." });
    expect(await stations.changeStationStatusAction(id, {}, form({ version: "1", status: "SUSPENDED", statusReason: "整改" }))).toMatchObject({ ok: true });
    const stale = await stations.updateStationAction(id, {}, form({ version: "1", name: "旧版本" }));
    expect(stale).toMatchObject({ error: "Someone else changed this station; reload and try again.", details: { current: expect.objectContaining({ version: 2, status: "SUSPENDED" }) } });
  });

  it("report listing errors under the platform's row", async () => {
    session.viewer = f.staff;
    const state = await products.createProductAction({}, form({
      code: "P-FORM", name: "香菇", category: "MUSHROOM", unit: "斤", price: "45", stationId: "", "listing.JD.status": "LISTED", "listing.JD.url": "javascript:alert(1)",
    }));
    expect(state.fields).toEqual({ "listing.JD.url": "Links start with http:// or https://." });
  });
});
