// Exports of the filtered registry and ledger, and the import templates, as CSV (UTF-8 with BOM, which Excel in
// China opens correctly) or XLSX. Personal data is masked, as in the lists.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { parseInput } from "../errors";
import type { Viewer } from "../auth/viewer";
import { renderMsg } from "../i18n";
import type { Locale } from "../validation/auth";
import { householdRowBatches } from "../households";
import { incomeRowBatches } from "../income";
import { countyDateStamp } from "../format";
import { addSheet, csvRows, csvTable, neutraliseFormula, xlsxCell, type Cell } from "../spreadsheet";
import { z } from "zod";
import { HOUSEHOLD_COLUMNS } from "./households";
import { INCOME_COLUMNS } from "./income";
import { headerFor, type Column } from "./columns";

export const formatSchema = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") });
export type FileFormat = z.infer<typeof formatSchema>["format"];
/** A download: the whole file (templates, reports), or a stream of it (exports of the registry and the ledger). */
export type FileResult = { filename: string; contentType: string; body: Uint8Array | ReadableStream<Uint8Array> };
/** A download built whole in memory (small files: templates, reports). */
export type WholeFile = FileResult & { body: Uint8Array };

const CONTENT_TYPE: Record<FileFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * A table as a download: CSV (UTF-8 with BOM) or XLSX (one sheet, bold frozen header). Every cell goes through
 * lib/spreadsheet.ts, so typed text can never run as a formula; `money` columns hold yuan as numbers.
 */
export async function buildFile(format: FileFormat, name: string, headers: string[], rows: Cell[][], opts: { money?: number[] } = {}): Promise<WholeFile> {
  const filename = `${name}.${format}`;
  if (format === "csv") {
    return { filename, contentType: CONTENT_TYPE.csv, body: new TextEncoder().encode(`\uFEFF${csvTable(headers, rows, opts)}\r\n`) };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = addSheet(workbook, name, headers, rows, opts);
  sheet.columns.forEach((c, i) => {
    c.width = Math.min(40, Math.max(10, headers[i].length * 2 + 2));
  });
  return { filename, contentType: CONTENT_TYPE.xlsx, body: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

/**
 * A table streamed as a download, batch by batch, with memory that does not grow with the row count: CSV (UTF-8 with
 * BOM) written row batch by row batch, or XLSX through exceljs's streaming workbook writer (rows committed as they
 * come, inline strings, never formulas). The first batch is read before the Response starts, so a refusal or a bad
 * filter is still an error answer rather than a broken file.
 */
export async function streamFile(format: FileFormat, name: string, headers: string[], batches: AsyncIterable<Cell[][]>, opts: { money?: number[] } = {}): Promise<FileResult> {
  const filename = `${name}.${format}`;
  const iterator = batches[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* rest() {
    if (!first.done) yield first.value;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  if (format === "csv") {
    const encoder = new TextEncoder();
    async function* csv() {
      yield encoder.encode(`\uFEFF${csvTable(headers, [], opts)}\r\n`);
      for await (const rows of rest()) yield encoder.encode(csvRows(rows, opts));
    }
    return { filename, contentType: CONTENT_TYPE.csv, body: webStream(csv()) };
  }
  const out = new PassThrough();
  // Inline strings (no shared-string table held until the end) and styles only where needed: the bold header and the
  // money columns' number format (a column style is written once, not per cell). Each row is committed as it is
  // added, so it is zipped and sent at once; the writer waits when the client reads slower than rows come.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  const money = new Set(opts.money ?? []);
  sheet.columns = headers.map((h, i) => ({ width: Math.min(40, Math.max(10, h.length * 2 + 2)), ...(money.has(i) ? { style: { numFmt: "#,##0.00" } } : {}) }));
  const header = sheet.addRow(headers.map((h) => neutraliseFormula(h)));
  header.font = { bold: true };
  header.commit();
  (async () => {
    try {
      for await (const rows of rest()) {
        // The client went away (a cancelled download): stop reading the database.
        if (out.destroyed) return;
        for (const r of rows) sheet.addRow(r.map(xlsxCell)).commit();
        // Let the event loop run: PGlite answers through promise jobs only, so without this the zip's deflate (a
        // libuv callback) would not run until every row was generated, holding the whole sheet in memory and
        // sending nothing until the end. Then backpressure: wait for the response to take what is buffered.
        await new Promise((resolve) => setImmediate(resolve));
        if (out.writableNeedDrain) await drained(out);
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error); // the download breaks off visibly rather than ending as a silently short file
    }
  })();
  // A write after the client went away is not an error worth a crash: the loop above stops at the next batch.
  out.on("error", () => {});
  return { filename, contentType: CONTENT_TYPE.xlsx, body: webStream(out) };
}

/**
 * Chunks as a web ReadableStream, read on demand (pull). A cancel (the client closed the download) ends the source:
 * the generator's finally blocks run and no more rows are read. Node's Readable.toWeb enqueued into the closed stream
 * after a cancel and threw "Controller is already closed" as an uncaught exception.
 */
function webStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (cancelled) return;
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      cancelled = true;
      await iterator.return?.();
    },
  });
}

/** Resolves when `stream` has drained its buffer, or is closed (a client that went away). */
function drained(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

/** A file read to its end (tests, and callers that need the bytes). */
export async function fileBytes(file: FileResult): Promise<WholeFile> {
  return { ...file, body: file.body instanceof Uint8Array ? file.body : new Uint8Array(await new Response(file.body).arrayBuffer()) };
}

/** A Response for a file download (the filename in both the ASCII and the UTF-8 form). */
export function fileResponse(file: FileResult): Response {
  return new Response(file.body as unknown as BodyInit, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Cache-Control": "no-store",
    },
  });
}

/** A file's name in the user's language, stamped with the county's date: 贫困户名册-20261204, households-20261204. */
export function exportFilename(locale: Locale, kind: "households" | "income", now: Date = new Date()): string {
  return `${renderMsg(locale, { key: `files.${kind}` })}-${countyDateStamp(now)}`;
}

// Enum labels are a handful of fixed texts but an export asks for them four times a row: format each once.
const ENUM_LABELS = new Map<string, string>();
function enumLabel(locale: Locale, name: string, code: string) {
  const key = `${locale}|${name}|${code}`;
  let label = ENUM_LABELS.get(key);
  if (label === undefined) {
    label = renderMsg(locale, { key: `enums.${name}.${code}` });
    ENUM_LABELS.set(key, label);
  }
  return label;
}
const yesNo = (locale: Locale, v: boolean) => (locale === "en" ? (v ? "yes" : "no") : v ? "是" : "否");

/** Batches mapped row by row (an async generator that transforms each batch). */
async function* mapBatches<T>(batches: AsyncIterable<T[]>, row: (item: T) => Cell[]): AsyncGenerator<Cell[][]> {
  for await (const batch of batches) yield batch.map(row);
}

/** The filtered registry as a streamed file (same filters as the page and the API; an OPERATOR gets their station only). */
export async function exportHouseholds(viewer: Viewer, query: Record<string, unknown>, locale: Locale): Promise<FileResult> {
  const { format } = parseInput(formatSchema, { format: query.format || undefined });
  const batches = await householdRowBatches(viewer, { ...query, format: undefined, page: undefined, pageSize: undefined });
  const headers = HOUSEHOLD_COLUMNS.map((c) => headerFor(c, locale));
  return streamFile(format, exportFilename(locale, "households"), headers, mapBatches(batches, (h) => [
    h.code, h.headName, h.village.name, h.station?.code ?? "", h.size, enumLabel(locale, "HouseholdType", h.type),
    h.causes.map((c) => enumLabel(locale, "PovertyCause", c)).join("、"), h.registeredYear, enumLabel(locale, "HouseholdStatus", h.status),
    h.exitYear ?? "", h.idNumber ?? "", h.phone ?? "",
    ...(["foodClothingSecure", "educationSecure", "medicalSecure", "housingSecure", "waterSecure"] as const).map((g) => yesNo(locale, h[g])),
  ]));
}

const LEDGER_EXTRA: Column[] = [
  { key: "id", zh: "台账编号", en: "Entry ID" },
  { key: "reversesId", zh: "冲正对应", en: "Reverses entry" },
  { key: "reversalReason", zh: "冲正原因", en: "Reversal reason" },
  { key: "recordedBy", zh: "录入人", en: "Recorded by" },
];

const INCOME_AMOUNT_COLUMN = INCOME_COLUMNS.findIndex((c) => c.key === "amount");

/** The filtered ledger as a streamed file, without a row cap; amounts in yuan with two decimals (reversals negative), numbers in XLSX. */
export async function exportIncome(viewer: Viewer, query: Record<string, unknown>, locale: Locale): Promise<FileResult> {
  const { format } = parseInput(formatSchema, { format: query.format || undefined });
  const batches = await incomeRowBatches(viewer, { ...query, format: undefined, page: undefined, pageSize: undefined });
  const headers = [...INCOME_COLUMNS, ...LEDGER_EXTRA].map((c) => headerFor(c, locale));
  return streamFile(format, exportFilename(locale, "income"), headers, mapBatches(batches, (e) => [
    e.householdCode, e.headName, e.date, enumLabel(locale, "IncomeSource", e.source), enumLabel(locale, "IncomeCategory", e.category),
    e.amountFen / 100, e.note ?? "", e.externalRef ?? "", e.id, e.reversesId ?? "", e.reversalReason ?? "", e.recordedBy ?? "",
  ]), { money: [INCOME_AMOUNT_COLUMN] });
}

/** Import templates: the accepted headers in the user's language and one example row. */
export async function importTemplate(kind: "households" | "income", formatInput: unknown, locale: Locale): Promise<WholeFile> {
  const { format } = parseInput(formatSchema, { format: formatInput || undefined });
  if (kind === "households") {
    const headers = HOUSEHOLD_COLUMNS.map((c) => `${headerFor(c, locale)}${c.required ? "*" : ""}`);
    const l = (name: string, code: string) => enumLabel(locale, name, code);
    const example = [
      "450225100001-9001", locale === "en" ? "Example Name" : "示例户主", "450225100001", "RS-V001", 4, l("HouseholdType", "GENERAL"),
      `${l("PovertyCause", "ILLNESS")}、${l("PovertyCause", "NO_SKILLS")}`, 2014, l("HouseholdStatus", "POOR"), "", "", "",
      yesNo(locale, true), yesNo(locale, true), yesNo(locale, true), yesNo(locale, true), yesNo(locale, false),
    ];
    return buildFile(format, renderMsg(locale, { key: "files.householdTemplate" }), headers, [example]);
  }
  const headers = INCOME_COLUMNS.map((c) => `${headerFor(c, locale)}${c.required ? "*" : ""}`);
  const example = [
    "450225100001-0001", locale === "en" ? "Example Name" : "示例户主", "2020-06-30", enumLabel(locale, "IncomeSource", "MIGRANT_WORK"),
    enumLabel(locale, "IncomeCategory", "WAGE"), 1200, locale === "en" ? "June wages" : "6月工资", "2020-06-W-0001",
  ];
  return buildFile(format, renderMsg(locale, { key: "files.incomeTemplate" }), headers, [example], { money: [INCOME_AMOUNT_COLUMN] });
}
