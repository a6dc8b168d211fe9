// Drill-down: county → township → village → the village's households, each level with incidence at the end of the
// year, poor and exited people, the exit-ready verdict and e-commerce income in the year. Area rows are aggregates
// every role may read; the household list is personal: an OPERATOR sees only their own station's households.
import { z } from "zod";
import { db } from "../db";
import { forbidden, notFound, parseInput } from "../errors";
import { readScope } from "../auth/policy";
import { blankToUndefined, codeFilterSchema, optional, yearNumberSchema } from "../validation/primitives";
import type { Viewer } from "../auth/viewer";
import { assertProgressReader } from "./figures";
import { defaultProgressYear } from "./context";
import { areaRowsSql, countySql, villageHouseholdsSql } from "./queries";
import { allGuaranteesMet, incidencePct, isExitEligible, isExitReady, perCapitaFen } from "./rules";

export const LEVELS = ["county", "township", "village", "household"] as const;
export type Level = (typeof LEVELS)[number];


export const drilldownQuerySchema = z
  .object({
    year: optional(yearNumberSchema),
    level: z.preprocess(blankToUndefined, z.enum(LEVELS).default("county")),
    parent: codeFilterSchema,
  })
  .superRefine((q, ctx) => {
    if ((q.level === "village" || q.level === "household") && !q.parent) ctx.addIssue({ code: "custom", path: ["parent"], message: "validation.required" });
  });

type AreaSqlRow = {
  id: number; code: string; name: string; nameEn: string | null; villages: number; poorVillages: number; isPoor?: boolean;
  population: number; households: number; people: number; poorPeople: number; exitedPeople: number; ecomFen: number;
};

export type AreaRow = {
  code: string; name: string; nameEn: string | null; villages: number; poorVillages: number; isPoorVillage: boolean | null;
  population: number; households: number; people: number; poorPeople: number; exitedPeople: number;
  incidencePct: number | null; exitReady: boolean | null; ecommerceIncomeFen: number;
};

function areaRow(r: Omit<AreaSqlRow, "id">, thresholdPct: number | null): AreaRow {
  const incidence = incidencePct(r.poorPeople, r.population);
  return {
    code: r.code, name: r.name, nameEn: r.nameEn, villages: r.villages, poorVillages: r.poorVillages, isPoorVillage: r.isPoor ?? null,
    population: r.population, households: r.households, people: r.people, poorPeople: r.poorPeople, exitedPeople: r.exitedPeople,
    incidencePct: incidence, exitReady: isExitReady(incidence, thresholdPct), ecommerceIncomeFen: r.ecomFen,
  };
}

async function thresholdAndCounty() {
  const [county] = await db.$queryRaw<{ code: string; name: string; nameEn: string; thresholdPct: number | null }[]>(countySql());
  return { county: county ?? null, thresholdPct: county?.thresholdPct ?? null };
}

/** Township rows for a year (also the dashboard's "incidence by township" chart). */
export async function townshipProgress(viewer: Viewer, year: number) {
  assertProgressReader(viewer);
  const [{ thresholdPct }, rows] = await Promise.all([thresholdAndCounty(), db.$queryRaw<AreaSqlRow[]>(areaRowsSql("township", year, null))]);
  return { thresholdPct, rows: rows.map((r) => areaRow(r, thresholdPct)) };
}

export type HouseholdProgressRow = {
  id: number; code: string; headName: string; size: number; status: string; registeredYear: number; exitYear: number | null;
  station: { code: string; name: string } | null; incomeFen: number; perCapitaFen: number; ecommerceIncomeFen: number;
  povertyLineFen: number | null; exitEligible: boolean | null; guaranteesMet: boolean;
};

/**
 * The drill-down at one level for a year. level county: the county's own row; township: every township; village:
 * the villages of township `parent`; household: the households of village `parent` (an OPERATOR: only their
 * station's, and only in a village their station covers or serves).
 */
export async function progressRows(viewer: Viewer, query: unknown) {
  assertProgressReader(viewer);
  const parsed = parseInput(drilldownQuerySchema, query);
  const [{ county, thresholdPct }, year] = await Promise.all([thresholdAndCounty(), parsed.year ?? defaultProgressYear()]);
  const q = { ...parsed, year };
  const base = { year, level: q.level, thresholdPct, scopedToStation: false };
  if (!county) return { ...base, parent: null, path: [], rows: [] as AreaRow[], households: [] as HouseholdProgressRow[] };
  const countyRef = { level: "county" as const, code: county.code, name: county.name, nameEn: county.nameEn };

  if (q.level === "county" || q.level === "township") {
    if (q.parent && q.parent !== county.code) throw notFound();
    const townships = await db.$queryRaw<AreaSqlRow[]>(areaRowsSql("township", q.year, null));
    if (q.level === "township") return { ...base, parent: countyRef, path: [countyRef], rows: townships.map((r) => areaRow(r, thresholdPct)), households: [] };
    const sum = (k: keyof AreaSqlRow) => townships.reduce((s, r) => s + (r[k] as number), 0);
    const row = areaRow(
      {
        code: county.code, name: county.name, nameEn: county.nameEn, villages: sum("villages"), poorVillages: sum("poorVillages"),
        population: sum("population"), households: sum("households"), people: sum("people"), poorPeople: sum("poorPeople"),
        exitedPeople: sum("exitedPeople"), ecomFen: sum("ecomFen"),
      },
      thresholdPct,
    );
    return { ...base, parent: null, path: [], rows: [row], households: [] };
  }

  if (q.level === "village") {
    const township = await db.township.findUnique({ where: { code: q.parent! }, select: { id: true, code: true, name: true, nameEn: true } });
    if (!township) throw notFound();
    const rows = await db.$queryRaw<AreaSqlRow[]>(areaRowsSql("village", q.year, township.id));
    const parent = { level: "township" as const, code: township.code, name: township.name, nameEn: township.nameEn };
    return { ...base, parent, path: [countyRef, parent], rows: rows.map((r) => areaRow(r, thresholdPct)), households: [] };
  }

  const village = await db.village.findUnique({
    where: { code: q.parent! },
    select: { id: true, code: true, name: true, townshipId: true, township: { select: { code: true, name: true, nameEn: true } } },
  });
  if (!village) throw notFound();
  const scope = readScope(viewer, "progress.read");
  if (scope !== null) {
    // An operator drills only into villages their station covers or serves households in; elsewhere: refused.
    const [covers, serves] = await Promise.all([
      db.stationVillage.count({ where: { stationId: scope, villageId: village.id } }),
      db.household.count({ where: { stationId: scope, villageId: village.id } }),
    ]);
    if (covers === 0 && serves === 0) throw forbidden();
  }
  const [villageRows, households, line] = await Promise.all([
    db.$queryRaw<AreaSqlRow[]>(areaRowsSql("village", q.year, village.townshipId)).then((rows) => rows.filter((r) => r.id === village.id)),
    db.$queryRaw<
      { id: number; code: string; headName: string; size: number; status: string; registeredYear: number; exitYear: number | null;
        foodClothingSecure: boolean; educationSecure: boolean; medicalSecure: boolean; housingSecure: boolean; waterSecure: boolean;
        stationCode: string | null; stationName: string | null; incomeFen: number; ecomFen: number }[]
    >(villageHouseholdsSql(village.id, q.year, scope)),
    db.povertyLine.findUnique({ where: { year: q.year }, select: { fenPerPerson: true } }),
  ]);
  const townshipRef = { level: "township" as const, ...village.township };
  const parent = { level: "village" as const, code: village.code, name: village.name, nameEn: null };
  const lineFen = line?.fenPerPerson ?? null;
  return {
    ...base,
    parent,
    path: [countyRef, townshipRef, parent],
    rows: villageRows.map((r) => areaRow(r, thresholdPct)),
    scopedToStation: scope !== null,
    households: households.map(
      (h): HouseholdProgressRow => ({
        id: h.id, code: h.code, headName: h.headName, size: h.size, status: h.status, registeredYear: h.registeredYear, exitYear: h.exitYear,
        station: h.stationCode ? { code: h.stationCode, name: h.stationName! } : null,
        incomeFen: h.incomeFen, perCapitaFen: perCapitaFen(h.incomeFen, h.size), ecommerceIncomeFen: h.ecomFen,
        povertyLineFen: lineFen, guaranteesMet: allGuaranteesMet(h),
        exitEligible: lineFen === null ? null : isExitEligible({ incomeFen: h.incomeFen, size: h.size, lineFen, guarantees: h }),
      }),
    ),
  };
}

export type ProgressRows = Awaited<ReturnType<typeof progressRows>>;
