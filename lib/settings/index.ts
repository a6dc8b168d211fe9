// Rules that are data, not code (DESIGN §1, §4): the poverty line per year and the exit threshold per region. Only
// an ADMIN edits them; every change is audited. The dashboards read them live, so a change shows at once.
import { z } from "zod";
import { db } from "../db";
import { writeAudit } from "../audit";
import { parseInput } from "../errors";
import { authorize } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { MAX_ENTRY_FEN, nullableText, toNumber, yuanSchema, yearNumberSchema } from "../validation/primitives";
import { loadThresholds, rebuildWarnings } from "../monitoring/warnings";

const REGIONS = ["WESTERN", "OTHER"] as const;

export const thresholdSchema = z.object({
  region: z.enum(REGIONS),
  incidenceBelowPct: z.preprocess(
    toNumber,
    z.number()
      .refine((v) => v > 0 && v <= 100, { message: "settings.validation.thresholdRange" })
      .refine((v) => Math.round(v * 100) === v * 100, { message: "settings.validation.twoDecimals" }),
  ),
});

export const povertyLineSchema = z.object({
  year: yearNumberSchema,
  /** Yuan per person per year, as typed (at most two decimals); stored as fen. */
  yuan: yuanSchema(MAX_ENTRY_FEN),
  verified: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  note: nullableText(500).transform((v) => v ?? null),
});

/** Thresholds and poverty lines, for the settings page (ADMIN). */
export async function listSettings(viewer: Viewer) {
  authorize(viewer, "settings.manage");
  const [thresholds, lines, county] = await Promise.all([
    db.exitThreshold.findMany({ orderBy: { region: "asc" } }),
    db.povertyLine.findMany({ orderBy: { year: "desc" } }),
    db.county.findFirst({ orderBy: { id: "asc" }, select: { region: true } }),
  ]);
  return {
    countyRegion: county?.region ?? null,
    thresholds: REGIONS.map((region) => {
      const t = thresholds.find((x) => x.region === region);
      return { region, incidenceBelowPct: t ? Number(t.incidenceBelowPct) : null, updatedAt: t?.updatedAt.toISOString() ?? null };
    }),
    lines: lines.map((l) => ({ year: l.year, fenPerPerson: l.fenPerPerson, verified: l.verified, note: l.note, updatedAt: l.updatedAt.toISOString() })),
  };
}

/** Sets a region's exit threshold (incidence in percent, strictly below which a village or county may exit). */
export async function setExitThreshold(viewer: Viewer, input: unknown) {
  authorize(viewer, "settings.manage");
  const data = parseInput(thresholdSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.exitThreshold.findUnique({ where: { region: data.region } });
    const after = await tx.exitThreshold.upsert({
      where: { region: data.region },
      create: { region: data.region, incidenceBelowPct: data.incidenceBelowPct },
      update: { incidenceBelowPct: data.incidenceBelowPct },
    });
    await writeAudit(tx, viewer, {
      action: before ? "update" : "create", entity: "ExitThreshold", entityId: data.region,
      before: before ? { incidenceBelowPct: Number(before.incidenceBelowPct) } : undefined, after: { incidenceBelowPct: Number(after.incidenceBelowPct) },
    });
    return { region: after.region, incidenceBelowPct: Number(after.incidenceBelowPct) };
  });
}

/** Creates or corrects the poverty line of a year (yuan per person per year). */
export async function setPovertyLine(viewer: Viewer, input: unknown) {
  authorize(viewer, "settings.manage");
  const data = parseInput(povertyLineSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.povertyLine.findUnique({ where: { year: data.year } });
    const values = { fenPerPerson: data.yuan, verified: data.verified, note: data.note };
    const after = await tx.povertyLine.upsert({ where: { year: data.year }, create: { year: data.year, ...values }, update: values });
    const show = (l: typeof after) => ({ fenPerPerson: l.fenPerPerson, verified: l.verified, note: l.note });
    await writeAudit(tx, viewer, { action: before ? "update" : "create", entity: "PovertyLine", entityId: data.year, before: before ? show(before) : undefined, after: show(after) });
    return { year: after.year, ...show(after) };
  });
}

// ── Relapse-prevention monitoring: the monitoring line per year and the warning thresholds ─────────────────────────

export const monitoringLineSchema = povertyLineSchema;

const percentSchema = (min: number, max: number) => z.preprocess(toNumber, z.number().int().min(min).max(max));
export const monitoringThresholdsSchema = z.object({
  bandPct: percentSchema(100, 500),
  ecomDropPct: percentSchema(1, 100),
  ecomSharePct: percentSchema(1, 100),
  noSaleDays: percentSchema(7, 730),
  regularMonths: percentSchema(1, 12),
});

/** A change of the rules' inputs recomputes the warnings it affects, in its transaction (a county: seconds). */
const REBUILD_TX = { maxWait: 30_000, timeout: 5 * 60_000 };

/** Monitoring lines (newest first) and thresholds, for the settings page (ADMIN). */
export async function listMonitoringSettings(viewer: Viewer) {
  authorize(viewer, "settings.manage");
  const [lines, thresholds] = await Promise.all([
    db.monitoringLine.findMany({ orderBy: { year: "desc" } }),
    db.$transaction((tx) => loadThresholds(tx)),
  ]);
  return {
    lines: lines.map((l) => ({ year: l.year, fenPerPerson: l.fenPerPerson, verified: l.verified, note: l.note, updatedAt: l.updatedAt.toISOString() })),
    thresholds,
  };
}

/** Creates or corrects a year's monitoring line (yuan per person per year); that year's warnings are recomputed. */
export async function setMonitoringLine(viewer: Viewer, input: unknown) {
  authorize(viewer, "settings.manage");
  const data = parseInput(monitoringLineSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.monitoringLine.findUnique({ where: { year: data.year } });
    const values = { fenPerPerson: data.yuan, verified: data.verified, note: data.note };
    const after = await tx.monitoringLine.upsert({ where: { year: data.year }, create: { year: data.year, ...values }, update: values });
    const show = (l: typeof after) => ({ fenPerPerson: l.fenPerPerson, verified: l.verified, note: l.note });
    await writeAudit(tx, viewer, { action: before ? "update" : "create", entity: "MonitoringLine", entityId: data.year, before: before ? show(before) : undefined, after: show(after) });
    await rebuildWarnings(tx, { year: data.year });
    return { year: after.year, ...show(after) };
  }, REBUILD_TX);
}

/** Sets the warning thresholds; every year's warnings are recomputed. */
export async function setMonitoringThresholds(viewer: Viewer, input: unknown) {
  authorize(viewer, "settings.manage");
  const data = parseInput(monitoringThresholdsSchema, input);
  return db.$transaction(async (tx) => {
    const before = await loadThresholds(tx);
    await tx.monitoringThresholds.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await writeAudit(tx, viewer, { action: "update", entity: "MonitoringThresholds", entityId: 1, before, after: data });
    await rebuildWarnings(tx);
    return data;
  }, REBUILD_TX);
}
