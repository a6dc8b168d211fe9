// Small hand-made data for data-layer tests: one county, one township, two villages, two stations and one user per
// role. Each test file gets its own fresh database (tests/setup.ts), so these ids never collide.
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/auth/viewer";
import type { Role } from "@/lib/generated/prisma/enums";

export type Fixture = Awaited<ReturnType<typeof makeFixture>>;

export async function makeFixture() {
  const county = await db.county.create({ data: { code: "450225", name: "测试县", nameEn: "Test County" } });
  const township = await db.township.create({ data: { code: "450225100", name: "示例镇", nameEn: "Demo Town", countyId: county.id } });
  const [villageA, villageB] = await Promise.all(
    ["001", "002"].map((n) =>
      db.village.create({ data: { code: `450225100${n}`, name: `示例村${n}`, countyId: county.id, townshipId: township.id, registeredPopulation: 1000, isPoor: true } }),
    ),
  );
  const station = (code: string, villageId: number) =>
    db.station.create({
      data: {
        code, name: `${code}服务站`, level: "VILLAGE", countyId: county.id, townshipId: township.id, villageId,
        operatorName: "示例站长", openedOn: new Date("2019-11-01"), services: ["CONSIGNMENT"],
        coveredVillages: { create: [{ villageId }] },
      },
    });
  const stationA = await station("RS-A", villageA.id);
  const stationB = await station("RS-B", villageB.id);
  const user = async (role: Role, stationId: number | null = null): Promise<Viewer> => {
    const u = await db.user.create({
      data: { email: `${role.toLowerCase()}${stationId ?? ""}@test.example`, name: `示例${role}`, passwordHash: "x", role, stationId },
    });
    return { id: u.id, email: u.email, name: u.name, role: u.role, stationId: u.stationId, locale: u.locale };
  };
  return {
    county, township, villageA, villageB, stationA, stationB,
    admin: await user("ADMIN"),
    staff: await user("STAFF"),
    viewer: await user("VIEWER"),
    operatorA: await user("OPERATOR", stationA.id),
    operatorB: await user("OPERATOR", stationB.id),
  };
}

/** Asserts that a lib/ call is refused with the given AppError code. */
export async function expectCode(promise: Promise<unknown>, code: string) {
  const { expect } = await import("vitest");
  await expect(promise).rejects.toMatchObject({ code });
}
