import type { Msg } from "../errors";
import { zodFields } from "../errors";
import type { ZodError } from "zod";

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
};

/** At most this many row errors are listed; the count says how many there were. */
export const MAX_LISTED_ERRORS = 500;

/** Field errors of one row, named by the file's own column headers. */
export function rowErrors(row: number, error: ZodError, header: (field: string) => string | null): RowError[] {
  return Object.entries(zodFields(error)).map(([field, message]) => ({ row, column: header(field), message }));
}
