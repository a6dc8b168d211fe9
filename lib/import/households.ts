// Household import: every row validated first (same zod schema as the form and the API), a per-row report, and
// nothing written unless every row is valid. Idempotent on the household code: rows whose code is already
// registered are skipped, so importing the same file twice changes nothing the second time.
import { db } from "../db";
import { writeAudit } from "../audit";
import { authorize } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { createHouseholdSchema, GUARANTEES, type CreateHouseholdInput } from "../validation/households";
import { MESSAGE_FILES, enumLookup, matchColumns, rowObjects, type Column, type EnumName } from "./columns";
import { readTable } from "./read";
import { refreshWarnings } from "../monitoring/warnings";
import { previewOf, rowErrors, type ImportReport, type RowError } from "./report";

const guaranteeLabels = (g: string) => MESSAGE_FILES.map((m) => (m.enums.Guarantee as Record<string, string>)[g]);

export const HOUSEHOLD_COLUMNS: readonly Column[] = [
  { key: "code", zh: "户编号", en: "Household code", aliases: ["户码", "编号", "户号"], required: true },
  { key: "headName", zh: "户主姓名", en: "Head of household", aliases: ["户主", "姓名", "head name", "name"], required: true },
  { key: "village", zh: "村", en: "Village", aliases: ["行政村", "村名", "村名称", "村代码", "所在村", "village code"], required: true },
  { key: "station", zh: "服务站编号", en: "Station code", aliases: ["服务站", "服务站代码", "station"] },
  { key: "size", zh: "家庭人口", en: "Household size", aliases: ["人口", "人数", "家庭人口数", "size"], required: true },
  { key: "type", zh: "贫困户属性", en: "Type", aliases: ["类型", "户类型", "household type"], required: true },
  { key: "causes", zh: "致贫原因", en: "Poverty causes", aliases: ["主要致贫原因", "causes"] },
  { key: "registeredYear", zh: "识别年度", en: "Registered year", aliases: ["建档年度", "识别年份", "registered"], required: true },
  { key: "status", zh: "状态", en: "Status", aliases: ["贫困状态", "脱贫状态"] },
  { key: "exitYear", zh: "脱贫年度", en: "Exit year", aliases: ["退出年度", "脱贫年份"] },
  { key: "idNumber", zh: "身份证号", en: "ID number", aliases: ["身份证号码", "证件号码", "id"] },
  { key: "phone", zh: "联系电话", en: "Phone", aliases: ["电话", "手机", "手机号", "手机号码"] },
  ...GUARANTEES.map((g) => {
    const [zh, en] = guaranteeLabels(g);
    return { key: g, zh, en, aliases: g === "foodClothingSecure" ? ["吃穿不愁", "不愁吃不愁穿"] : [] };
  }),
];

const FIELD_COLUMN: Record<string, string> = { villageId: "village", stationId: "station" };
const HOUSEHOLD_ENUMS: Record<string, EnumName> = { type: "HouseholdType", status: "HouseholdStatus", causes: "PovertyCause" };

type VillageRow = { id: number; code: string; name: string; townshipId: number };

/**
 * The village a cell names: its code, its name alone (when only one village has it), or its township and name —
 * "汪洞乡 示例村001", "汪洞乡示例村001", "汪洞乡·示例村001" (the township by its name or pinyin name). Returns
 * "ambiguous" when a bare name fits several villages, undefined when nothing fits.
 */
export function villageFinder<V extends VillageRow>(villages: V[], townships: { id: number; name: string; nameEn?: string | null }[]) {
  const byCode = new Map(villages.map((v) => [v.code, v]));
  const byName = new Map<string, V[]>();
  for (const v of villages) byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
  const inTownship = (townshipId: number, name: string) => (byName.get(name) ?? []).find((v) => v.townshipId === townshipId);
  // Longest township names first, so "汪洞乡" is tried before a shorter name it starts with.
  const names = townships.flatMap((t) => [t.name, t.nameEn].filter((n): n is string => !!n).map((n) => ({ id: t.id, name: n }))).sort((a, b) => b.name.length - a.name.length);
  return (cell: string): V | "ambiguous" | undefined => {
    const text = cell.normalize("NFKC").trim().replace(/\s+/g, " ");
    const direct = byCode.get(text);
    if (direct) return direct;
    const named = byName.get(text) ?? [];
    if (named.length === 1) return named[0];
    for (const t of names) {
      if (text.toLowerCase().startsWith(t.name.toLowerCase()) && text.length > t.name.length) {
        const rest = text.slice(t.name.length).replace(/^[\s·・,，、\-/]+/, "");
        const found = rest ? inTownship(t.id, rest) : undefined;
        if (found) return found;
      }
    }
    return named.length > 1 ? "ambiguous" : undefined;
  };
}

const typeOf = enumLookup("HouseholdType");
const statusOf = enumLookup("HouseholdStatus");
const causeOf = enumLookup("PovertyCause");

type Prepared = { row: number; data: CreateHouseholdInput & { countyId: number } };

/** Validates (and, with `commit`, writes) a household file. ADMIN and STAFF only. */
export async function importHouseholds(viewer: Viewer, bytes: Uint8Array, opts: { commit: boolean }): Promise<ImportReport> {
  authorize(viewer, "households.import");
  const table = await readTable(bytes);
  const { keys } = matchColumns(table.headers, HOUSEHOLD_COLUMNS);
  const headerOf = (key: string) => table.headers[keys.indexOf(key)] ?? null;
  const records = rowObjects(table.rows, keys);

  const [villages, townships, stations] = await Promise.all([
    db.village.findMany({ select: { id: true, code: true, name: true, countyId: true, townshipId: true } }),
    db.township.findMany({ select: { id: true, name: true, nameEn: true } }),
    db.station.findMany({ select: { id: true, code: true } }),
  ]);
  const findVillage = villageFinder(villages, townships);
  const stationByCode = new Map(stations.map((s) => [s.code.toUpperCase(), s.id]));

  const errors: RowError[] = [];
  const prepared: Prepared[] = [];
  const firstRowOfCode = new Map<string, number>();

  records.forEach((r, i) => {
    const row = table.rowNumbers[i];
    const before = errors.length;
    const err = (key: string, msgKey: string, values?: Record<string, string | number>) => errors.push({ row, column: headerOf(key), message: { key: msgKey, values } });

    let village: (typeof villages)[number] | undefined;
    const villageText = (r.village ?? "").trim();
    if (villageText) {
      const found = findVillage(villageText);
      if (found === "ambiguous") err("village", "import.errors.ambiguousVillage");
      else if (!found) err("village", "households.validation.unknownVillage");
      else village = found;
    }
    let stationId: number | undefined;
    const stationText = (r.station ?? "").trim();
    if (stationText) {
      stationId = stationByCode.get(stationText.toUpperCase());
      if (stationId === undefined) err("station", "validation.unknownStation");
    }
    const type = r.type?.trim() ? typeOf(r.type) ?? r.type : undefined;
    const status = r.status?.trim() ? statusOf(r.status) ?? r.status : undefined;
    const causeTexts = (r.causes ?? "").split(/[、,，;；/|]+/).map((s) => s.trim()).filter(Boolean);
    const causes = causeTexts.map((c) => causeOf(c) ?? c);

    const input: Record<string, unknown> = {
      code: r.code, headName: r.headName, villageId: village?.id ?? (villageText ? undefined : ""), stationId,
      size: r.size, type, causes, registeredYear: r.registeredYear, status, exitYear: r.exitYear,
      idNumber: r.idNumber, phone: r.phone,
    };
    for (const g of GUARANTEES) input[g] = r[g] ?? "";
    const parsed = createHouseholdSchema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
      const skip = new Set(errors.slice(before).map((e) => e.column));
      for (const e of rowErrors(row, parsed.error, (f) => headerOf(FIELD_COLUMN[f.split(".")[0]] ?? f.split(".")[0]), HOUSEHOLD_ENUMS)) {
        if (!skip.has(e.column)) errors.push(e);
      }
      return;
    }
    const code = parsed.data.code;
    const earlier = firstRowOfCode.get(code);
    if (earlier !== undefined) {
      err("code", "import.errors.duplicateInFile", { row: earlier });
      return;
    }
    firstRowOfCode.set(code, row);
    if (errors.length === before && village) prepared.push({ row, data: { ...parsed.data, countyId: village.countyId } });
  });

  const existing = await existingCodes(prepared.map((p) => p.data.code));
  const fresh = prepared.filter((p) => !existing.has(p.data.code));
  const report: ImportReport = {
    kind: "households", format: table.format, encoding: table.encoding, preview: previewOf(table, keys), total: records.length,
    toCreate: fresh.length, unchanged: prepared.length - fresh.length, errors, committed: false,
  };
  if (!opts.commit || errors.length > 0 || fresh.length === 0) return report;

  await db.$transaction(
    async (tx) => {
      // Set-based inserts (one JSON parameter per chunk): 30,000 households in a few statements. Someone may have
      // registered some of these codes since the check: the unique code then refuses the whole batch.
      for (let at = 0; at < fresh.length; at += CHUNK) {
        const rows = fresh.slice(at, at + CHUNK).map(({ data }) => ({
          code: data.code, countyId: data.countyId, villageId: data.villageId, stationId: data.stationId ?? null, headName: data.headName,
          idNumber: data.idNumber ?? null, phone: data.phone ?? null, size: data.size, type: data.type, causes: data.causes,
          status: data.status, registeredYear: data.registeredYear, exitYear: data.exitYear ?? null,
          foodClothingSecure: data.foodClothingSecure, educationSecure: data.educationSecure, medicalSecure: data.medicalSecure,
          housingSecure: data.housingSecure, waterSecure: data.waterSecure,
        }));
        const cols = Object.keys(rows[0]).map((c) => `"${c}"`).join(", ");
        await tx.$executeRawUnsafe(
          `INSERT INTO "Household" (${cols}, "updatedAt") SELECT ${cols}, now() FROM json_populate_recordset(NULL::"Household", $1::json)`,
          JSON.stringify(rows),
        );
      }
      const codes = fresh.map((p) => p.data.code);
      await tx.$executeRawUnsafe(
        `INSERT INTO "HouseholdStatusChange" ("householdId", "fromStatus", "toStatus", "year", "reason", "changedById")
         SELECT h."id", NULL, h."status", COALESCE(h."exitYear", h."registeredYear"), '批量导入', $2
         FROM "Household" h WHERE h."code" IN (SELECT json_array_elements_text($1::json))`,
        JSON.stringify(codes),
        viewer.id,
      );
      const created = await tx.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "Household" WHERE "code" IN (SELECT json_array_elements_text($1::json))`, JSON.stringify(codes));
      await refreshWarnings(tx, created.map((r) => r.id));
      // One audit row for the batch, naming every household it registered.
      await writeAudit(tx, viewer, { action: "import", entity: "Household", after: { rows: records.length, created: fresh.length, unchanged: report.unchanged, codes } });
    },
    { maxWait: 30_000, timeout: 5 * 60_000 },
  );
  return { ...report, committed: true };
}

const CHUNK = 5000;

/** Household codes already registered (one JSON parameter: large IN lists are slow through Prisma's query compiler). */
async function existingCodes(codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.$queryRawUnsafe<{ code: string }[]>(`SELECT "code" FROM "Household" WHERE "code" IN (SELECT json_array_elements_text($1::json))`, JSON.stringify(codes));
  return new Set(rows.map((r) => r.code));
}
