// A household's income per year against the poverty line: the exit assessment of each year.
import { db } from "../db";
import { parseInput } from "../errors";
import type { Viewer } from "../auth/viewer";
import type { Prisma } from "../generated/prisma/client";
import { buildAssessment, type Assessment } from "./assessment";
import { readableHousehold } from "./access";
import type { FiveGuarantees } from "../progress/rules";
import { assessmentQuerySchema, currentYear } from "../validation/households";

type Tx = Prisma.TransactionClient;

/** Net ledger income of a household per calendar year (reversals included), through the (householdId, date) index. */
export async function incomeByYear(householdId: number, client: Tx | typeof db = db): Promise<Map<number, number>> {
  const rows = await client.$queryRaw<{ year: number; total: bigint | number }[]>`
    SELECT EXTRACT(YEAR FROM "date")::int AS year, SUM("amountFen")::bigint AS total
    FROM "IncomeEntry" WHERE "householdId" = ${householdId} GROUP BY 1 ORDER BY 1`;
  return new Map(rows.map((r) => [Number(r.year), Number(r.total)]));
}

export async function yearIncome(client: Tx | typeof db, householdId: number, year: number): Promise<number> {
  const rows = await client.$queryRaw<{ total: bigint | number | null }[]>`
    SELECT SUM("amountFen")::bigint AS total FROM "IncomeEntry"
    WHERE "householdId" = ${householdId} AND "date" >= ${new Date(Date.UTC(year, 0, 1))} AND "date" < ${new Date(Date.UTC(year + 1, 0, 1))}`;
  return Number(rows[0]?.total ?? 0);
}

export async function lineFor(client: Tx | typeof db, year: number): Promise<number | null> {
  return (await client.povertyLine.findUnique({ where: { year }, select: { fenPerPerson: true } }))?.fenPerPerson ?? null;
}

/** The exit assessment of a household for a year: per-capita income, the line, each guarantee, eligible or why not. */
export async function assessHousehold(viewer: Viewer, id: number, query: unknown): Promise<Assessment> {
  const household = await readableHousehold(viewer, id);
  const { year } = parseInput(assessmentQuerySchema, query);
  const [incomeFen, lineFen] = await Promise.all([yearIncome(db, id, year), lineFor(db, year)]);
  return buildAssessment(household, year, incomeFen, lineFen);
}

/**
 * Per-capita income per year from the registration year to the last year with income or a poverty line, each next to that year's line and with its
 * assessment: what the household page shows. One grouped query on the ledger plus the (small) poverty-line table.
 */
export async function householdYears(viewer: Viewer, id: number): Promise<Assessment[]> {
  return yearsFor(await readableHousehold(viewer, id));
}

/** The per-year assessments of an already-authorised household (the household page loads it once). */
export async function yearsFor(household: FiveGuarantees & { id: number; size: number; registeredYear: number }): Promise<Assessment[]> {
  const [byYear, lines] = await Promise.all([incomeByYear(household.id), db.povertyLine.findMany({ select: { year: true, fenPerPerson: true } })]);
  const lineByYear = new Map(lines.map((l) => [l.year, l.fenPerPerson]));
  // From registration to the last year that has income or a line (not a run of empty future-looking years).
  const first = Math.min(household.registeredYear, ...byYear.keys());
  const last = Math.max(household.registeredYear, ...byYear.keys(), ...[...lineByYear.keys()].filter((y) => y <= currentYear()));
  const years: Assessment[] = [];
  for (let y = last; y >= first; y--) years.push(buildAssessment(household, y, byYear.get(y) ?? 0, lineByYear.get(y) ?? null));
  return years;
}

