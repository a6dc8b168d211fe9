import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

describe("test database", () => {
  it("is migrated and empty", async () => {
    expect(await db.household.count()).toBe(0);
    const county = await db.county.create({ data: { code: "T01", name: "测试县", nameEn: "Test" } });
    expect(county.id).toBeGreaterThan(0);
  });
});
