import { AppError, conflict } from "../errors";
import { renderMsg } from "../i18n";
import type { Locale } from "../validation/auth";
import type { Msg } from "../errors";
import { MAX_IMPORT_BYTES, refuse } from "./read";
import { MAX_LISTED_ERRORS, type ImportReport } from "./report";

/**
 * The uploaded file of an import request: multipart form field "file" (the page), or the raw body (API clients).
 * Oversized uploads are refused from Content-Length before the body is read.
 */
export async function uploadedBytes(request: Request): Promise<Uint8Array> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_IMPORT_BYTES + 64 * 1024) throw refuse("tooLarge", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    if (!file || typeof file === "string") throw refuse("noFile");
    if (file.size > MAX_IMPORT_BYTES) throw refuse("tooLarge", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
    return new Uint8Array(await file.arrayBuffer());
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength === 0) throw refuse("noFile");
  return bytes;
}

/** Runs an import for the API: renders the report (and a header problem list) in the user's language. */
export async function runImport(locale: Locale, run: () => Promise<ImportReport>) {
  try {
    return renderReport(await run(), locale);
  } catch (error) {
    if (error instanceof AppError && (error.details as { problems?: Msg[] } | undefined)?.problems) {
      const problems = (error.details as { problems: Msg[] }).problems.map((m) => renderMsg(locale, m));
      throw new AppError(error.code, error.msg, error.fields, { problems });
    }
    // Someone else wrote the same household code or entry reference between the check and the commit.
    if (typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002") throw conflict({ key: "import.errors.concurrent" });
    throw error;
  }
}

/** The report for the API and the page: row errors rendered in the user's language, at most MAX_LISTED_ERRORS listed. */
export function renderReport(report: ImportReport, locale: Locale) {
  return {
    ...report,
    errorCount: report.errors.length,
    errors: report.errors.slice(0, MAX_LISTED_ERRORS).map((e) => ({ row: e.row, column: e.column, message: renderMsg(locale, e.message) })),
  };
}
export type RenderedReport = ReturnType<typeof renderReport>;
