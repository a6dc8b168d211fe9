import type { Msg } from "../errors";
import { zodFields } from "../errors";
import type { ZodError } from "zod";
import { choiceMsg, type EnumName } from "./columns";

export type RowError = { row: number; column: string | null; message: Msg };

/** What an import found (dry run) or did (commit). Nothing is written unless `errors` is empty. */
export type ImportReport = {
  kind: "households" | "income";
  format: "csv" | "xlsx";
  encoding?: string;
  /** Data rows in the file (blank rows not counted). */
  total: number;
  /** Rows that would be (or were) written. */
  toCreate: number;
  /** Rows already in the database (same household code / same entry reference): skipped, so a re-import changes nothing. */
  unchanged: number;
  errors: RowError[];
  committed: boolean;
  /**
   * The first rows as decoded (header and cells as read), so a user sees that the file's characters came through;
   * `keys`: the field each column was read as (null for a blank header), so the phone's cards can lead with the key ones.
   */
  preview?: { headers: string[]; keys: (string | null)[]; rows: string[][] };
};

/** How many data rows the check shows as decoded. */
export const PREVIEW_ROWS = 5;

/** The preview of a table: its headers, the field each was read as, and the first PREVIEW_ROWS rows, cells as read. */
export function previewOf(table: { headers: string[]; rows: string[][] }, keys: (string | null)[]): NonNullable<ImportReport["preview"]> {
  return { headers: table.headers, keys: table.headers.map((_h, i) => keys[i] ?? null), rows: table.rows.slice(0, PREVIEW_ROWS).map((r) => table.headers.map((_h, i) => r[i] ?? "")) };
}

/** At most this many row errors are listed; the count says how many there were. */
export const MAX_LISTED_ERRORS = 500;

/**
 * Field errors of one row, named by the file's own column headers. A cell of an enum field (`enums`: field → enum)
 * that is none of its values gets the list of valid values, not just "choose a valid option".
 */
export function rowErrors(row: number, error: ZodError, header: (field: string) => string | null, enums: Record<string, EnumName> = {}): RowError[] {
  return Object.entries(zodFields(error)).map(([field, message]) => {
    const column = header(field);
    const name = enums[field.split(".")[0]];
    return { row, column, message: name && message.key === "validation.choice" ? choiceMsg(name, column) : message };
  });
}
