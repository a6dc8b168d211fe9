// Reads an uploaded spreadsheet (CSV in UTF-8, UTF-8 with BOM, UTF-16 or GBK; or XLSX) into header + text rows.
// Anything else is refused with a message the user can act on; nothing is guessed into mojibake.
import Papa from "papaparse";
import ExcelJS from "exceljs";
import { AppError, type Msg } from "../errors";

/** Uploads above this are refused before parsing (a 30,000-row registry is about 3 MB as CSV). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** More rows than this is not a registry or a ledger batch but a mistake (or a different file). */
export const MAX_IMPORT_ROWS = 100_000;

export type Table = { headers: string[]; rows: string[][]; format: "csv" | "xlsx"; encoding?: string };

export const refuse = (key: string, values?: Msg["values"]) => new AppError("VALIDATION", { key: `import.errors.${key}`, values });

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Decodes CSV bytes: BOMs first, then strict UTF-8, then strict GBK (Excel's "CSV" in China); else refuses. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: GBK (a superset of GB2312; Node's full ICU decodes it as GB18030).
  }
  try {
    const text = new TextDecoder("gbk", { fatal: true }).decode(bytes);
    if (!text.includes("\uFFFD")) return { text, encoding: "gbk" };
  } catch {
    // Neither: refuse below.
  }
  throw refuse("encoding");
}

/** Control characters other than tab and line breaks mean a binary file, not text. */
function looksBinary(text: string): boolean {
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text.slice(0, 65_536));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw refuse("notSpreadsheet");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw refuse("empty");
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellText(cell.value).trim();
    });
    rows[rowNumber - 1] = Array.from(values, (v) => v ?? "");
  });
  return Array.from(rows, (r) => r ?? []);
}

function readCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [",", "\t", ";"] });
  const quoteError = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteError) throw refuse("csvSyntax", { row: (quoteError.row ?? 0) + 1 });
  return parsed.data.map((r) => r.map((c) => (c ?? "").trim()));
}

/** Parses an upload into a header row and data rows (blank rows dropped, but row numbers kept by the caller). */
export async function readTable(bytes: Uint8Array): Promise<Table & { rowNumbers: number[] }> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw refuse("tooLarge", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  if (bytes.byteLength === 0) throw refuse("empty");
  let raw: string[][];
  let format: Table["format"];
  let encoding: string | undefined;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    raw = await readXlsx(bytes);
    format = "xlsx";
  } else if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw refuse("oldExcel");
  } else {
    // NUL bytes never occur in a text file (UTF-16 was recognised by its BOM above): an image, a PDF, an archive…
    if (bytes.subarray(0, 8192).includes(0)) throw refuse("notSpreadsheet");
    const decoded = decodeText(bytes);
    if (looksBinary(decoded.text)) throw refuse("notSpreadsheet");
    raw = readCsv(decoded.text);
    format = "csv";
    encoding = decoded.encoding;
  }
  const headerIndex = raw.findIndex((r) => r.some((c) => c !== ""));
  if (headerIndex < 0) throw refuse("empty");
  const headers = raw[headerIndex];
  // Excel often leaves empty columns to the right: trim columns that have neither a header nor any value.
  let width = headers.length;
  while (width > 0 && headers[width - 1] === "" && raw.every((r) => !r[width - 1])) width--;
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i < raw.length; i++) {
    const r = raw[i] ?? [];
    if (!r.some((c) => c !== "")) continue;
    rows.push(Array.from({ length: Math.max(width, r.length) }, (_, j) => r[j] ?? ""));
    rowNumbers.push(i + 1); // 1-based, as the spreadsheet shows it
  }
  if (rows.length === 0) throw refuse("noRows");
  if (rows.length > MAX_IMPORT_ROWS) throw refuse("tooManyRows", { max: MAX_IMPORT_ROWS });
  return { headers: headers.slice(0, width), rows, rowNumbers, format, encoding };
}
