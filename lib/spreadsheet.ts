// Every CSV and XLSX this app writes goes through these helpers, so no cell a person typed (a household's name, a
// note, a station's name) can run as a formula when the file is opened in Excel, WPS or LibreOffice
// ("CSV injection", OWASP). The rule, by the cell's type:
// - numbers stay numbers (a reversal of -120.50 yuan is the number -120.5 in XLSX and "-120.50" in CSV);
// - text that starts with = + - @ TAB or CR: in CSV it gets a leading single quote ('=HYPERLINK(…)), which spreadsheet
//   programs show as text; in XLSX it is written as a plain string cell (exceljs writes strings as shared strings and
//   only writes a formula when given {formula}), so it is shown exactly as typed and never evaluated.
import Papa from "papaparse";
import type ExcelJS from "exceljs";

export type Cell = string | number | null | undefined;

/** Text that a spreadsheet program would read as a formula (or a DDE command) when it starts a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The CSV form of one text value: a leading ' when it would otherwise start a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

type Options = {
  /** Columns (0-based) holding yuan amounts: two decimals in CSV, "#,##0.00" in XLSX, numbers either way. */
  money?: readonly number[];
};

/** One cell for a CSV file: numbers as numbers (money with two decimals), text neutralised, blanks empty. */
export function csvCell(value: Cell, money = false): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return money && Number.isFinite(value) ? value.toFixed(2) : value;
  return neutraliseFormula(value);
}

/** One cell for an XLSX sheet: numbers as numbers, text as a plain string cell (never a formula), blanks empty. */
export function xlsxCell(value: Cell): string | number | null {
  if (value === null || value === undefined) return null;
  return typeof value === "number" ? value : String(value);
}

/** A table as CSV text (CRLF line ends, no BOM): the header row, then the data rows, every cell through csvCell. */
export function csvTable(headers: readonly string[], rows: readonly Cell[][], opts: Options = {}): string {
  const money = new Set(opts.money ?? []);
  return Papa.unparse(
    { fields: headers.map((h) => neutraliseFormula(h)), data: rows.map((r) => r.map((c, i) => csvCell(c, money.has(i)))) },
    { newline: "\r\n" },
  );
}

/** Data rows as CSV text (CRLF line ends, ending with one), every cell through csvCell: a streamed file's next batch. */
export function csvRows(rows: readonly Cell[][], opts: Options = {}): string {
  if (rows.length === 0) return "";
  const money = new Set(opts.money ?? []);
  return `${Papa.unparse(rows.map((r) => r.map((c, i) => csvCell(c, money.has(i)))), { newline: "\r\n" })}\r\n`;
}

/** A single line of CSV text (a table's title above it), neutralised like any cell. */
export function csvLine(cells: readonly Cell[]): string {
  return Papa.unparse([cells.map((c) => csvCell(c))], { newline: "\r\n" });
}

/** Adds a sheet with a bold, frozen header row and the data rows, every cell through xlsxCell; returns it for column widths. */
export function addSheet(workbook: ExcelJS.Workbook, name: string, headers: readonly string[], rows: readonly Cell[][], opts: Options = {}): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31));
  sheet.addRow(headers.map((h) => xlsxCell(h))).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map(xlsxCell));
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const i of opts.money ?? []) sheet.getColumn(i + 1).numFmt = "#,##0.00";
  return sheet;
}
