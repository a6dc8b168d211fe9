// The audit log in words: what was done (action), to what (entity), and which fields changed from what to what, in
// the reader's language. The log stores code words and JSON (lib/audit.ts); this turns a row into sentences. Pure:
// no database, no framework — the page hands in its translator, tests hand in the message files.

/** The entities the log records (the filter's select), in the order the select lists them. */
export const AUDIT_ENTITIES = [
  "Household", "IncomeEntry", "Sale", "Product", "Station", "TrainingSession", "User", "ApiToken", "PovertyLine", "ExitThreshold", "County",
  "MonitoringCase", "Hardship", "MonitoringLine", "MonitoringThresholds",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** The actions the log records; older rows may carry others (setLocale), shown as stored if unknown. */
export const AUDIT_ACTIONS = [
  "create", "update", "reverse", "statusChange", "suspend", "close", "reopen", "import", "setPhoto", "removePhoto",
  "resetPassword", "changePassword", "signInFailed", "signInLocked", "signOut", "revoke", "seed", "setLocale", "step", "measure",
] as const;

/** A translator as next-intl's: t(key, values) and t.has(key), on the "audit" and "enums" namespaces' parent. */
export type Words = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

/** One changed field: its value before and after (undefined: the row had none, e.g. a create). */
export type AuditChange = { field: string; from?: unknown; to?: unknown };

/** Fields that change on every write and say nothing to a reader. */
const NOISE = new Set(["id", "version", "createdAt", "updatedAt", "statusHistory"]);

/** Enum-valued fields: the enums namespace to label them with, per entity where the name is shared. */
const ENUM_FIELDS: Record<string, string | Partial<Record<AuditEntity, string>>> = {
  status: { Household: "HouseholdStatus", Station: "StationStatus", MonitoringCase: "CaseStatus" },
  fromStatus: "HouseholdStatus",
  toStatus: "HouseholdStatus",
  type: { Household: "HouseholdType", Hardship: "HardshipType", MonitoringCase: "CaseType" },
  kind: { Household: "HouseholdKind", MonitoringCase: "MeasureKind" },
  riskTypes: "RiskType",
  phase: "CasePhase",
  step: "CaseStepKind",
  warningRule: "WarningRule",
  causes: "PovertyCause",
  category: { IncomeEntry: "IncomeCategory", Product: "ProductCategory" },
  source: "IncomeSource",
  channel: "Platform",
  platform: "Platform",
  level: "StationLevel",
  services: "StationService",
};

/** Money fields (integer fen), shown as yuan. */
const MONEY = new Set(["amountFen", "priceFen", "fenPerPerson", "payoutFen", "totalFen", "openingIncomeFen", "incomeFen"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Two stored values are the same when their JSON is; a place or station is the same when its id is. */
function same(a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b) && "id" in a && "id" in b) return a.id === b.id;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The fields a row changed. With before and after: only the fields whose value differs (a place compared by its id).
 * With after only (a create, an import, a sign-in attempt): every field it recorded. `villageId` beside `village` or
 * `householdId` beside `householdCode` (and the like) is left out: the named one says the same in words.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !NOISE.has(k));
  const shown = keys.filter((k) => !(k.endsWith("Id") && (keys.includes(k.slice(0, -2)) || keys.includes(`${k.slice(0, -2)}Code`))));
  const changes: AuditChange[] = [];
  for (const field of shown) {
    const from = b[field];
    const to = a[field];
    if (isObject(before) && same(from, to)) continue;
    if (!isObject(before) && (to === null || to === undefined || (Array.isArray(to) && to.length === 0))) continue;
    changes.push({ field, from, to });
  }
  return changes;
}

function enumNamespace(entity: string, field: string): string | undefined {
  const e = ENUM_FIELDS[field];
  return typeof e === "string" ? e : e?.[entity as AuditEntity];
}

function label(words: Words, key: string, fallback: string): string {
  return words.has(key) ? words(key) : fallback;
}

/** A stored value in words: enums by their label, fen as yuan, booleans as 是/否, places by name, lists joined. */
export function auditValue(entity: string, field: string, value: unknown, words: Words, locale: string): string {
  if (value === null || value === undefined || value === "") return "—";
  const sep = locale.startsWith("en") ? ", " : "、";
  const ns = enumNamespace(entity, field);
  if (Array.isArray(value)) {
    if (value.length === 0) return "—";
    // Long id lists (income entries of a sale, codes of an import): a count, the ids are in the details.
    if (field.endsWith("Ids") || field === "codes") {
      const head = field === "codes" ? value.slice(0, 5).map(String).join(sep) : "";
      return words("audit.count", { count: value.length }) + (head ? ` (${head}${value.length > 5 ? "…" : ""})` : "");
    }
    return value.map((v) => auditValue(entity, field, v, words, locale)).join(sep);
  }
  if (typeof value === "boolean") return words(value ? "audit.yes" : "audit.no");
  if (ns && typeof value === "string") return label(words, `enums.${ns}.${value}`, value);
  if (field === "role" && typeof value === "string") return label(words, `roles.${value}`, value);
  if (field === "region" && typeof value === "string") return label(words, `settings.region.${value}`, value);
  if (field === "locale" && typeof value === "string") return label(words, `audit.locales.${value}`, value);
  if (MONEY.has(field) && typeof value === "number") {
    return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol" }).format(value / 100);
  }
  if (field === "incidenceBelowPct" && typeof value === "number") return `${value}%`;
  if (isObject(value)) {
    // A place, a station, a listing, a warning: its name (and code) in words, else compact JSON.
    if (typeof value.platform === "string" && typeof value.status === "string") {
      return `${label(words, `enums.Platform.${value.platform}`, value.platform)}: ${label(words, `enums.ListingStatus.${value.status}`, value.status)}`;
    }
    // A ledger entry (what a reversal reversed): its date, source and amount.
    if (typeof value.date === "string" && typeof value.amountFen === "number") {
      const source = typeof value.source === "string" ? ` ${label(words, `enums.IncomeSource.${value.source}`, value.source)}` : "";
      return `${value.date}${source} ${auditValue(entity, "amountFen", value.amountFen, words, locale)}`;
    }
    if (typeof value.payoutFen === "number") {
      const who = typeof value.householdCode === "string" ? value.householdCode : words("audit.householdNo", { id: String(value.householdId ?? "?") });
      return `${who} ${auditValue(entity, "payoutFen", value.payoutFen, words, locale)}`;
    }
    if (typeof value.householdCode === "string") return [value.householdCode, value.villageName].filter(Boolean).join(" ");
    const name = locale.startsWith("en") && typeof value.nameEn === "string" && value.nameEn ? value.nameEn : value.name ?? value.headName;
    if (typeof name === "string") return typeof value.code === "string" ? `${value.code} ${name}` : name;
    if (typeof value.code === "string") return value.code;
    return JSON.stringify(value);
  }
  return String(value);
}

/** A field's name in words ("households' 户主姓名"); an unknown field as stored. */
export function auditField(field: string, words: Words): string {
  return label(words, `audit.fields.${field}`, field);
}

export type AuditLine = { field: string; from: string | null; to: string };

/** A row in words: the action, the entity, and one line per changed field ("字段名: 旧值 → 新值"). */
export function describeAudit(
  row: { action: string; entity: string; before: unknown; after: unknown },
  words: Words,
  locale: string,
): { action: string; entity: string; lines: AuditLine[] } {
  const hasBefore = isObject(row.before);
  return {
    action: label(words, `audit.actions.${row.action}`, row.action),
    entity: label(words, `audit.entities.${row.entity}`, row.entity),
    lines: auditChanges(row.before, row.after).map((c) => ({
      field: auditField(c.field, words),
      from: hasBefore ? auditValue(row.entity, c.field, c.from, words, locale) : null,
      to: auditValue(row.entity, c.field, c.to, words, locale),
    })),
  };
}

/** One line as text: "字段名: 旧值 → 新值", or "字段名: 值" for a created record. */
export function auditLineText(line: AuditLine): string {
  return line.from === null ? `${line.field}: ${line.to}` : `${line.field}: ${line.from} → ${line.to}`;
}
