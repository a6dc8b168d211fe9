// Column specs for imports and exports: one key per column, its Chinese and English headers (plus common
// synonyms), and whether an import needs it. Headers are matched after normalising case, width, spaces, "*" and
// any "(…)" note, so "金额（元）*", "金额" and "Amount (yuan)" are the same column.
// The message files directly (not lib/i18n, which loads next-intl): imports also run in scripts outside Next.
import zhCN from "../../messages/zh-CN.json";
import en from "../../messages/en.json";
import type { Msg } from "../errors";
import { refuse } from "./read";

export type Column = { key: string; zh: string; en: string; aliases?: string[]; required?: boolean };

export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/[*＊\s_]/g, "")
    .toLowerCase();
}

/**
 * Maps a file's headers to column keys. Unknown, duplicate and missing required columns are refused together, each
 * named, so the user fixes the header row in one go.
 */
export function matchColumns(headers: string[], columns: readonly Column[]): { keys: (string | null)[] } {
  const lookup = new Map<string, string>();
  for (const c of columns) for (const h of [c.zh, c.en, c.key, ...(c.aliases ?? [])]) lookup.set(normaliseHeader(h), c.key);
  const keys: (string | null)[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  const duplicate: string[] = [];
  headers.forEach((h) => {
    if (h.trim() === "") {
      keys.push(null);
      return;
    }
    const key = lookup.get(normaliseHeader(h));
    if (!key) unknown.push(h);
    else if (seen.has(key)) duplicate.push(h);
    else seen.add(key);
    keys.push(key ?? null);
  });
  const missing = columns.filter((c) => c.required && !seen.has(c.key)).map((c) => c.zh);
  const problems: Msg[] = [];
  if (missing.length) problems.push({ key: "import.errors.missingColumns", values: { columns: missing.join("、") } });
  if (unknown.length) problems.push({ key: "import.errors.unknownColumns", values: { columns: unknown.join("、") } });
  if (duplicate.length) problems.push({ key: "import.errors.duplicateColumns", values: { columns: duplicate.join("、") } });
  if (problems.length) {
    const error = refuse(problems[0].key.replace("import.errors.", ""), problems[0].values);
    Object.assign(error, { details: { problems } });
    throw error;
  }
  return { keys };
}

/** Row objects keyed by column key. */
export function rowObjects(rows: string[][], keys: (string | null)[]): Record<string, string>[] {
  return rows.map((r) => {
    const o: Record<string, string> = {};
    keys.forEach((k, i) => {
      if (k) o[k] = r[i] ?? "";
    });
    return o;
  });
}

export type EnumName = "HouseholdStatus" | "HouseholdType" | "PovertyCause" | "IncomeCategory" | "IncomeSource";

export const MESSAGE_FILES = [zhCN, en] as const;

/** An enum value from its code or its label in either language ("MIGRANT_WORK", "外出务工", "Migrant work"). */
export function enumLookup(name: EnumName): (text: string) => string | undefined {
  const map = new Map<string, string>();
  for (const messages of [zhCN, en]) {
    const labels = (messages as unknown as { enums: Record<string, Record<string, string>> }).enums[name];
    for (const [code, label] of Object.entries(labels)) {
      map.set(normaliseHeader(code), code);
      map.set(normaliseHeader(label), code);
    }
  }
  return (text) => map.get(normaliseHeader(text));
}

/** Header text of a column in a locale. */
export function headerFor(column: Column, locale: string): string {
  return locale === "en" ? column.en : column.zh;
}

/**
 * An enum cell that is none of the values: the message lists the valid ones, in both languages (the report is
 * rendered in the reader's: "贫困户属性应为：一般贫困户、低保贫困户、特困供养").
 */
export function choiceMsg(name: EnumName, column: string | null): Msg {
  const labels = (messages: unknown) => Object.values((messages as { enums: Record<string, Record<string, string>> }).enums[name]);
  return { key: "import.errors.choiceOf", values: { column: column ?? "", zh: labels(zhCN).join("、"), en: labels(en).join(", ") } };
}

