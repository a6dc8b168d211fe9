// Files people open in Excel/WPS/LibreOffice: typed text never runs as a formula (CSV injection), numbers stay numbers,
// and file names and "generated at" stamps use the county's clock and the user's language.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createIncomeEntry, reverseIncomeEntry } from "@/lib/income";
import { exportFilename, exportHouseholds as streamHouseholds, exportIncome as streamIncome, fileBytes } from "@/lib/import/export";
// The exports stream (lib/import/export.ts streamFile); these read them to their end.
const exportHouseholds = async (...args: Parameters<typeof streamHouseholds>) => fileBytes(await streamHouseholds(...args));
const exportIncome = async (...args: Parameters<typeof streamIncome>) => fileBytes(await streamIncome(...args));
import { reportFile } from "@/lib/reports/files";
import { buildReport } from "@/lib/reports";
import { recordSale } from "@/lib/sales";
import { countyDateStamp, countyDateTime, countyIsoTimestamp, countyToday } from "@/lib/format";
import { csvCell, neutraliseFormula, xlsxCell } from "@/lib/spreadsheet";
import { makeFixture, type Fixture } from "./fixtures";
import { makeProduct } from "./network-helpers";

const EVIL = '=HYPERLINK("http://evil.example","x")';
const EVIL_PRODUCT = "-2+3+cmd|' /C calc'!A0";
const EVIL_STATION = "@SUM(1+1)*cmd|' /C calc'!A0";

let f: Fixture;

beforeAll(async () => {
  f = await makeFixture();
  const h = await db.household.create({
    data: { code: "EVIL-1", countyId: f.county.id, villageId: f.villageA.id, stationId: f.stationA.id, headName: EVIL, size: 2, type: "GENERAL", registeredYear: 2016 },
  });
  const entry = await createIncomeEntry(f.staff, { householdId: h.id, date: "2020-05-01", category: "WAGE", source: "MIGRANT_WORK", amountFen: 12_050, note: "+86 外出务工" });
  await reverseIncomeEntry(f.staff, entry.id, { reason: "=1+1 录错了" });
  // A report whose product and station names start like formulas.
  await db.station.update({ where: { id: f.stationB.id }, data: { name: EVIL_STATION } });
  const product = await makeProduct(f);
  await db.product.update({ where: { id: product.id }, data: { name: EVIL_PRODUCT } });
  await recordSale(f.staff, { productId: product.id, stationId: f.stationB.id, channel: "TAOBAO", date: "2020-06-10", quantity: "2", amountFen: 80_000, suppliers: [] });
});

afterEach(() => {
  vi.useRealTimers();
});

const decode = (body: Uint8Array) => new TextDecoder().decode(body);
const csvRows = (body: Uint8Array) => Papa.parse<string[]>(decode(body).trim(), { skipEmptyLines: true }).data;
async function sheetOf(body: Uint8Array) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}

describe("the neutralising rule", () => {
  it("prefixes ' to text starting with = + - @ TAB CR, leaves other text and all numbers alone", () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) expect(csvCell(s)).toBe(`'${s}`);
    for (const s of ["示例户主", "a=1", "RS-V001", "2020-05-01", "'already", ""]) expect(csvCell(s)).toBe(s);
    expect(csvCell(-120.5)).toBe(-120.5);
    expect(csvCell(-120.5, true)).toBe("-120.50");
    expect(csvCell(null)).toBe("");
    expect(neutraliseFormula(EVIL)).toBe(`'${EVIL}`);
    // XLSX: text stays as typed (written as a string cell), numbers as numbers.
    expect(xlsxCell(EVIL)).toBe(EVIL);
    expect(xlsxCell(-120.5)).toBe(-120.5);
  });
});

describe("household and income exports", () => {
  it("CSV: the formula-like name is neutralised", async () => {
    const file = await exportHouseholds(f.staff, { format: "csv", q: "EVIL" }, "en");
    const [header, row] = csvRows(file.body);
    expect(row[header.indexOf("Head of household")]).toBe(`'${EVIL}`);
    expect(decode(file.body)).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(decode(file.body)).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("XLSX: the name is a plain string cell, never a formula", async () => {
    const file = await exportHouseholds(f.staff, { format: "xlsx", q: "EVIL" }, "zh-CN");
    const ws = (await sheetOf(file.body)).worksheets[0];
    const cell = ws.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(EVIL);
    expect(cell.formula).toBeUndefined();
  });

  it("CSV income: text neutralised, the reversal's negative amount stays -120.50", async () => {
    const file = await exportIncome(f.staff, { format: "csv", q: "EVIL" }, "en");
    const [header, ...rows] = csvRows(file.body);
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r[col("Amount (yuan)")]).sort()).toEqual(["-120.50", "120.50"]);
    for (const r of rows) expect(r[col("Head of household")]).toBe(`'${EVIL}`);
    expect(rows.map((r) => r[col("Note")])).toContain("'+86 外出务工");
    expect(rows.map((r) => r[col("Reversal reason")])).toContain("'=1+1 录错了");
  });

  it("XLSX income: amounts are numbers (negative for the reversal), text cells strings", async () => {
    const file = await exportIncome(f.staff, { format: "xlsx", q: "EVIL" }, "en");
    const ws = (await sheetOf(file.body)).worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const amountCol = header.indexOf("Amount (yuan)");
    const reasonCol = header.indexOf("Reversal reason");
    const amounts = [2, 3].map((r) => ws.getRow(r).getCell(amountCol));
    for (const c of amounts) expect(c.type).toBe(ExcelJS.ValueType.Number);
    expect(amounts.map((c) => c.value).sort()).toEqual([-120.5, 120.5]);
    expect(amounts[0].numFmt).toBe("#,##0.00");
    const reasons = [2, 3].map((r) => ws.getRow(r).getCell(reasonCol)).filter((c) => c.value);
    expect(reasons.map((c) => [c.type, c.value])).toEqual([[ExcelJS.ValueType.String, "=1+1 录错了"]]);
  });
});

describe("report downloads", () => {
  it("CSV: product and station names neutralised, numbers unchanged", async () => {
    const file = await reportFile(f.viewer, { kind: "annual", year: "2020", format: "csv" }, "en");
    const text = decode(file.body);
    const cells = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.flat();
    expect(cells).toContain(`'${EVIL_PRODUCT}`);
    expect(cells).toContain(`'${EVIL_STATION}`);
    expect(cells).not.toContain(EVIL_PRODUCT);
    expect(cells).not.toContain(EVIL_STATION);
    expect(text).toContain(`RS-B,'${EVIL_STATION},Active,Village,1,800,`);
  });

  it("XLSX: those names are string cells, amounts numbers", async () => {
    const file = await reportFile(f.viewer, { kind: "annual", year: "2020", format: "xlsx" }, "en");
    const book = await sheetOf(file.body);
    const strings: ExcelJS.Cell[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => {
      if (c.value === EVIL_PRODUCT || c.value === EVIL_STATION) strings.push(c);
      expect(c.formula).toBeUndefined();
    })));
    expect(strings.length).toBeGreaterThanOrEqual(2);
    for (const c of strings) expect(c.type).toBe(ExcelJS.ValueType.String);
    const card = book.worksheets.find((ws) => ws.getRow(2).getCell(1).value === "RS-A" || ws.getRow(3).getCell(1).value === "RS-B")!;
    const rsB = [2, 3].map((r) => card.getRow(r)).find((r) => r.getCell(1).value === "RS-B")!;
    expect(rsB.getCell(2).value).toBe(EVIL_STATION);
    expect(rsB.getCell(6).type).toBe(ExcelJS.ValueType.Number);
    expect(rsB.getCell(6).value).toBe(800);
  });
});

describe("county clock in file names and stamps", () => {
  // 2026-12-03T17:30Z is 01:30 on 4 December in Rongshui (UTC+8).
  const LATE = new Date("2026-12-03T17:30:00Z");

  it("stamps the county's date, not UTC's", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(LATE);
    expect(new Date().toISOString().slice(0, 10)).toBe("2026-12-03");
    expect(countyToday()).toBe("2026-12-04");
    expect(countyDateStamp()).toBe("20261204");
    expect(countyDateTime()).toBe("2026-12-04 01:30");
    expect(countyIsoTimestamp()).toBe("2026-12-04T01:30:00+08:00");
    expect(new Date(countyIsoTimestamp()).getTime()).toBe(LATE.getTime());
    expect(exportFilename("zh-CN", "households")).toBe("贫困户名册-20261204");
    expect(exportFilename("en", "households")).toBe("households-20261204");
    expect(exportFilename("zh-CN", "income")).toBe("收入台账-20261204");
    expect(exportFilename("en", "income")).toBe("income-20261204");
  });

  it("names export files in the user's language with that stamp", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(LATE);
    expect((await exportHouseholds(f.staff, { format: "xlsx", q: "EVIL" }, "zh-CN")).filename).toBe("贫困户名册-20261204.xlsx");
    expect((await exportHouseholds(f.staff, { format: "csv", q: "EVIL" }, "en")).filename).toBe("households-20261204.csv");
    expect((await exportIncome(f.staff, { format: "csv", q: "EVIL" }, "zh-CN")).filename).toBe("收入台账-20261204.csv");
  });

  it("reports say when they were generated in county time", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(LATE);
    const report = await buildReport(f.viewer, { kind: "annual", year: "2020" });
    expect(report.generatedAt).toBe("2026-12-04T01:30:00+08:00");
    const file = await reportFile(f.viewer, { kind: "annual", year: "2020", format: "csv" }, "zh-CN");
    expect(decode(file.body)).toContain("生成时间（北京时间）,2026-12-04 01:30");
  });
});
