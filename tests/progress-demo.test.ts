// The article's story, read through lib/progress (the functions the dashboard, the API and the reports call) on the
// deterministic demo seed: 120 stations, ≥ 60% of poor villages covered, ≥ 8,100 residents in beneficiary households
// with an average gain above ¥1,000, for July 2019 – June 2020 and for 2020, and incidence below 3% at the end of 2020.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/auth/viewer";
import { Prisma } from "@/lib/generated/prisma/client";
import { dashboard, overview, progressContext, progressRows } from "@/lib/progress";
import { ECOMMERCE_SOURCES } from "@/lib/progress/rules";
import { SUMMARY_TABLES, summaryDrift } from "@/lib/progress/summaries";
import { seedDemo } from "@/prisma/seed/load";

const viewer: Viewer = { id: 1, email: "viewer@rongshui.example", name: "示例查看员", role: "VIEWER", stationId: null, locale: "zh-CN" };

// The whole demo (2019–2025) takes about a minute of CPU to load; more on a busy machine running other test files.
beforeAll(async () => {
  await seedDemo(db);
}, 600_000);

describe("the demo county through lib/progress", () => {
  it("has summaries equal to a recompute right after the seed", async () => {
    expect(await summaryDrift(db)).toEqual(Object.fromEntries(SUMMARY_TABLES.map((t) => [t, 0])));
  });

  for (const [label, query] of [
    ["July 2019 – June 2020", { from: "2019-07-01", to: "2020-06-30", year: "2020" }],
    ["2020", { from: "2020-01-01", to: "2020-12-31", year: "2020" }],
  ] as const) {
    it(`tells the article's story for ${label}`, async () => {
      const o = await overview(viewer, query);
      expect(o.stations.total).toBe(120);
      expect(o.coverage.percent).toBeGreaterThanOrEqual(60);
      expect(o.beneficiaries.residents).toBeGreaterThanOrEqual(8100);
      expect(o.beneficiaries.averageGainFen).toBeGreaterThan(100_000);
      expect(o.incidence.year).toBe(2020);
      expect(o.incidence.percent).toBeLessThan(3);
      expect(o.incidence.exitReady).toBe(true);
    });
  }

  it("agrees with the ledger and the registry read directly", async () => {
    const o = await overview(viewer, { from: "2019-07-01", to: "2020-06-30", year: "2020" });
    const [raw] = await db.$queryRaw<{ households: number; residents: number; incomeFen: number }[]>(Prisma.sql`
      WITH b AS (SELECT "householdId", sum("amountFen") AS net FROM "IncomeEntry"
                 WHERE source::text IN (${Prisma.join(ECOMMERCE_SOURCES)}) AND date BETWEEN '2019-07-01' AND '2020-06-30'
                 GROUP BY "householdId" HAVING sum("amountFen") > 0)
      SELECT count(*)::int AS households, sum(h.size)::int AS residents, sum(b.net)::float8 AS "incomeFen"
      FROM b JOIN "Household" h ON h.id = b."householdId"`);
    expect(o.beneficiaries).toMatchObject(raw);
    const [{ people }] = await db.$queryRaw<{ people: number }[]>`
      SELECT sum(size)::int AS people FROM "Household" WHERE "registeredYear" <= 2020 AND ("exitYear" IS NULL OR "exitYear" > 2020)`;
    expect(o.incidence.notExitedPeople).toBe(people);
  });

  it("opens on 2020 by default (the 12 months up to the last month with data), and drills down to households", async () => {
    const ctx = await progressContext(viewer, {});
    expect([ctx.period.from, ctx.period.to, ctx.year]).toEqual(["2020-01-01", "2020-12-31", 2020]);
    const d = await dashboard(viewer, {});
    expect(d.townships).toHaveLength(20);
    expect(d.monthly).toHaveLength(12);
    expect(d.products.length).toBeGreaterThan(0);
    const county = await progressRows(viewer, { year: 2020, level: "county" });
    expect(county.rows[0].poorPeople).toBe(d.incidence.notExitedPeople);
    expect(d.townships.reduce((s, t) => s + t.poorPeople, 0)).toBe(d.incidence.notExitedPeople);
    const villages = await progressRows(viewer, { year: 2020, level: "village", parent: d.townships[0].code });
    expect(villages.rows.reduce((s, v) => s + v.poorPeople, 0)).toBe(d.townships[0].poorPeople);
    const households = await progressRows(viewer, { year: 2020, level: "household", parent: villages.rows[0].code });
    expect(households.households.filter((h) => h.exitYear === null || h.exitYear > 2020).reduce((s, h) => s + h.size, 0)).toBe(villages.rows[0].poorPeople);
  });
});
