import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "@/lib/db";
import { importHouseholds, villageFinder } from "@/lib/import/households";
import { renderReport } from "@/lib/import/upload";
import { importIncome } from "@/lib/import/income";
import { decodeText } from "@/lib/import/read";
import { exportHouseholds as streamHouseholds, exportIncome as streamIncome, fileBytes, importTemplate } from "@/lib/import/export";
// The exports stream (lib/import/export.ts streamFile); these read them to their end.
const exportHouseholds = async (...args: Parameters<typeof streamHouseholds>) => fileBytes(await streamHouseholds(...args));
const exportIncome = async (...args: Parameters<typeof streamIncome>) => fileBytes(await streamIncome(...args));
import { createHousehold } from "@/lib/households";
import { expectCode, makeFixture, type Fixture } from "./fixtures";

let f: Fixture;
const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
const hex = (h: string) => new Uint8Array(h.match(/../g)!.map((b) => parseInt(b, 16)));

// "户编号,日期,收入来源,金额（元）,备注\nGBK-1,2020-05-01,外出务工,1500.50,广西柳州打工\n" encoded as GBK (by Python's codec).
const GBK_INCOME = hex(
  "bba7b1e0bac52cc8d5c6da2ccad5c8ebc0b4d4b42cbdf0b6eea3a8d4aaa3a92cb1b8d7a20a47424b2d312c323032302d30352d30312ccde2b3f6cef1b9a42c313530302e35302cb9e3cef7c1f8d6ddb4f2b9a40a",
);

function householdCsv(rows: string[]) {
  return ["户编号,户主姓名,村,服务站编号,家庭人口,贫困户属性,致贫原因,识别年度,不愁吃、不愁穿,义务教育有保障,基本医疗有保障,住房安全有保障,饮水安全有保障", ...rows].join("\r\n");
}

async function errorOf(promise: Promise<unknown>) {
  return promise.then(() => null, (e: unknown) => e as { code: string; msg: { key: string; values?: Record<string, unknown> } });
}

beforeAll(async () => {
  f = await makeFixture();
});

describe("household import", () => {
  const good = (n: number, village = "450225100001", station = "RS-A") => `IMP-${n},示例户主${n},${village},${station},${n % 5 + 1},一般贫困户,因病、缺技术,2016,是,是,是,否,是`;

  it("reports every bad row with its row number and column, and writes nothing", async () => {
    const csv = householdCsv([good(1), "IMP-2,示例户主2,450225100001,RS-A,0,一般贫困户,,2016,是,是,是,是,是", good(3), "IMP-4,,不存在的村,RS-Z,2,富裕户,,2099,是,是,是,是,是", good(1)]);
    const before = await db.household.count();
    const report = await importHouseholds(f.staff, withBom(csv), { commit: true });
    expect(report).toMatchObject({ total: 5, committed: false, encoding: "utf-8-bom" });
    const byRow = report.errors.map((e) => [e.row, e.column, e.message.key]);
    expect(byRow).toEqual(expect.arrayContaining([
      [3, "家庭人口", "validation.min"],
      [5, "户主姓名", "validation.required"],
      [5, "村", "households.validation.unknownVillage"],
      [5, "服务站编号", "validation.unknownStation"],
      [5, "贫困户属性", "import.errors.choiceOf"],
      [5, "识别年度", "households.validation.futureYear"],
      [6, "户编号", "import.errors.duplicateInFile"],
    ]));
    expect(await db.household.count()).toBe(before);
  });

  it("imports a valid file all at once, then changes nothing on the second import", async () => {
    const csv = householdCsv([good(11), good(12), good(13, "示例村002", "rs-b")]);
    const dry = await importHouseholds(f.staff, utf8(csv), { commit: false });
    expect(dry).toMatchObject({ total: 3, toCreate: 3, unchanged: 0, errors: [], committed: false });
    expect(await db.household.count({ where: { code: { startsWith: "IMP-1" } } })).toBe(0);

    const first = await importHouseholds(f.staff, utf8(csv), { commit: true });
    expect(first).toMatchObject({ toCreate: 3, committed: true });
    const h = await db.household.findUniqueOrThrow({ where: { code: "IMP-13" }, include: { statusChanges: true } });
    expect(h).toMatchObject({ villageId: f.villageB.id, stationId: f.stationB.id, causes: ["ILLNESS", "NO_SKILLS"], housingSecure: false, status: "POOR", countyId: f.county.id });
    expect(h.statusChanges).toHaveLength(1);
    const audits = await db.auditLog.count({ where: { entity: "Household", action: "import" } });

    const again = await importHouseholds(f.staff, utf8(csv), { commit: true });
    expect(again).toMatchObject({ toCreate: 0, unchanged: 3, committed: false, errors: [] });
    expect(await db.household.count({ where: { code: { startsWith: "IMP-1" } } })).toBe(3);
    expect(await db.auditLog.count({ where: { entity: "Household", action: "import" } })).toBe(audits);
  });

  it("reads XLSX with English headers and Excel dates and numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["Household code", "Head of household", "Village", "Household size", "Type", "Registered year", "Status", "Exit year", "Phone"]);
    ws.addRow(["XL-1", "<img src=x onerror=alert(1)>", "450225100002", 3, "Minimum-income", 2015, "Exited", 2019, 13812345678]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const report = await importHouseholds(f.admin, bytes, { commit: true });
    expect(report).toMatchObject({ format: "xlsx", toCreate: 1, committed: true, errors: [] });
    expect(await db.household.findUniqueOrThrow({ where: { code: "XL-1" } })).toMatchObject({
      headName: "<img src=x onerror=alert(1)>", type: "MINIMUM_INCOME", status: "EXITED", exitYear: 2019, phone: "13812345678", stationId: null,
    });
  });

  it.each([
    ["an empty file", new Uint8Array(), "import.errors.empty"],
    ["only blank lines", utf8("\r\n\r\n"), "import.errors.empty"],
    ["a header without rows", utf8(householdCsv([])), "import.errors.noRows"],
    ["a 20 MB file", new Uint8Array(20 * 1024 * 1024).fill(0x41), "import.errors.tooLarge"],
    ["a PNG image", hex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3d5b5c00000000049454e44ae426082"), "import.errors.notSpreadsheet"],
    ["an old .xls file", hex("d0cf11e0a1b11ae1000000000000000000000000"), "import.errors.oldExcel"],
    ["a ZIP that is not a workbook", hex("504b0304140000000000"), "import.errors.notSpreadsheet"],
    ["missing required columns", utf8("户编号,户主姓名\r\nA-1,张三"), "import.errors.missingColumns"],
    ["unknown columns", utf8(`${householdCsv([good(90)]).split("\r\n")[0]},年收入\r\n${good(90)},100`), "import.errors.unknownColumns"],
  ])("refuses %s with a clear message", async (_label, bytes, key) => {
    const before = await db.household.count();
    const error = await errorOf(importHouseholds(f.staff, bytes, { commit: true }));
    expect(error).toMatchObject({ code: "VALIDATION", msg: { key } });
    expect(await db.household.count()).toBe(before);
  });

  it("names the missing and unknown columns", async () => {
    const error = (await errorOf(importHouseholds(f.staff, utf8("户编号,户主姓名,年收入\r\nA-1,张三,1"), { commit: false }))) as unknown as { msg: { values: { columns: string } }; details: { problems: { key: string }[] } };
    expect(error.msg.values.columns).toContain("家庭人口");
    expect(error.details.problems.map((p) => p.key)).toEqual(["import.errors.missingColumns", "import.errors.unknownColumns"]);
  });

  it("is for ADMIN and STAFF only", async () => {
    await expectCode(importHouseholds(f.operatorA, utf8(householdCsv([good(99)])), { commit: true }), "FORBIDDEN");
    await expectCode(importHouseholds(f.viewer, utf8(householdCsv([good(99)])), { commit: true }), "FORBIDDEN");
  });
});

describe("income import", () => {
  let gbkHousehold: number;
  beforeAll(async () => {
    const base = { villageId: f.villageA.id, stationId: f.stationA.id, headName: "示例", size: 2, type: "GENERAL", registeredYear: 2016 };
    gbkHousehold = (await createHousehold(f.staff, { ...base, code: "GBK-1" })).id;
    await createHousehold(f.staff, { ...base, code: "INC-A2" });
    await createHousehold(f.staff, { ...base, code: "INC-B2", villageId: f.villageB.id, stationId: f.stationB.id });
  });

  it("decodes GBK (Excel's CSV in China) and stores the Chinese text correctly", async () => {
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(GBK_INCOME)).toThrow();
    const report = await importIncome(f.operatorA, GBK_INCOME, { commit: true });
    expect(report).toMatchObject({ encoding: "gbk", toCreate: 1, committed: true, errors: [] });
    const entry = await db.incomeEntry.findFirstOrThrow({ where: { householdId: gbkHousehold } });
    expect(entry).toMatchObject({ note: "广西柳州打工", amountFen: 150_050, source: "MIGRANT_WORK", category: "WAGE", recordedById: f.operatorA.id });
    expect(entry.externalRef).toMatch(/^auto:/);
    // The same file again (no reference column): the derived reference makes it a no-op.
    expect(await importIncome(f.operatorA, GBK_INCOME, { commit: true })).toMatchObject({ toCreate: 0, unchanged: 1, committed: false });
    expect(await db.incomeEntry.count({ where: { householdId: gbkHousehold } })).toBe(1);
  });

  it("refuses bytes that are neither UTF-8 nor GBK instead of storing mojibake", async () => {
    const bad = new Uint8Array([...utf8("户编号,日期\n"), 0xff, 0xfe, 0xfd, 0x80, 0x0a]);
    expect(() => decodeText(bad.subarray(0))).toThrow();
    expect(await errorOf(importIncome(f.staff, bad, { commit: false }))).toMatchObject({ msg: { key: "import.errors.encoding" } });
  });

  it("is all or nothing: one bad row and nothing is written", async () => {
    const before = await db.incomeEntry.count();
    const csv = [
      "户编号,日期,收入来源,收入类别,金额（元）,备注,外部编号",
      "INC-A2,2020-01-05,外出务工,工资性收入,100.00,,R-1",
      "INC-A2,2020-01-06,种养殖,,0,,R-2",
      "INC-A2,2015-12-31,分红,,50,,R-3",
      "INC-A2,2020-01-07,电商销售,,12.345,,R-4",
      "NOPE,2020-01-07,电商销售,,12,,R-5",
      "INC-A2,2020-01-08,电商销售,,12,,R-1",
      "INC-A2,2099-01-08,电商销售,,12,,R-6",
    ].join("\n");
    const report = await importIncome(f.staff, utf8(csv), { commit: true });
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column, e.message.key])).toEqual([
      [3, "金额（元）", "validation.positiveMoney"],
      [4, "日期", "income.validation.beforeRegistered"],
      [5, "金额（元）", "validation.yuanFormat"],
      [6, "户编号", "income.validation.unknownHousehold"],
      [7, "外部编号", "import.errors.duplicateInFile"],
      [8, "日期", "validation.futureDate"],
    ]);
    expect(await db.incomeEntry.count()).toBe(before);
  });

  it("is idempotent on the reference, and refuses a reference reused for another entry", async () => {
    const csv = "Household code,Date,Source,Amount (yuan),Reference\nINC-A2,2020/2/1,Dividend,88.8,REF-100\nINC-A2,2020-02-02,Subsidy,10,REF-101\n";
    expect(await importIncome(f.staff, utf8(csv), { commit: true })).toMatchObject({ toCreate: 2, committed: true });
    const entry = await db.incomeEntry.findUniqueOrThrow({ where: { externalRef: "REF-100" } });
    expect(entry).toMatchObject({ amountFen: 8880, category: "PROPERTY", date: new Date("2020-02-01T00:00:00Z") });
    expect(await importIncome(f.staff, utf8(csv), { commit: true })).toMatchObject({ toCreate: 0, unchanged: 2, committed: false });
    const changed = await importIncome(f.staff, utf8(csv.replace("88.8", "99")), { commit: true });
    expect(changed.errors.map((e) => e.message.key)).toEqual(["import.errors.refUsed"]);
    expect(await db.incomeEntry.count({ where: { externalRef: { in: ["REF-100", "REF-101"] } } })).toBe(2);
  });

  it("does not let an operator import for another station's household", async () => {
    const csv = "户编号,日期,收入来源,金额\nINC-B2,2020-03-01,外出务工,100\n";
    const report = await importIncome(f.operatorA, utf8(csv), { commit: true });
    expect(report.errors.map((e) => e.message.key)).toEqual(["income.validation.unknownHousehold"]);
    expect(await db.incomeEntry.count({ where: { household: { code: "INC-B2" } } })).toBe(0);
  });
});

describe("exports and templates", () => {
  it("exports the operator's own households only, masked, as CSV with a BOM", async () => {
    await createHousehold(f.staff, { code: "EXP-A", villageId: f.villageA.id, stationId: f.stationA.id, headName: "导出", size: 2, type: "GENERAL", registeredYear: 2016, idNumber: "450225199001011234", phone: "13812341234" });
    const file = await exportHouseholds(f.operatorA, { format: "csv", q: "EXP" }, "zh-CN");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(file.body);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("户编号");
    expect(text).toContain("450225********1234");
    expect(text).not.toContain("13812341234");
    const all = new TextDecoder().decode((await exportHouseholds(f.operatorA, { format: "csv" }, "zh-CN")).body);
    expect(all).not.toContain("INC-B2");
    expect(all).not.toContain("IMP-13");
  });

  it("exports the ledger as XLSX that reads back", async () => {
    const file = await exportIncome(f.staff, { format: "xlsx", q: "INC-A2" }, "en");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe("Household code");
    expect(ws.rowCount).toBe(3);
  });

  it("offers templates that import cleanly after filling in", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const t = await importTemplate("households", format, "zh-CN");
      expect(t.filename).toMatch(new RegExp(`\\.${format}$`));
    }
    const csv = new TextDecoder().decode((await importTemplate("households", "csv", "zh-CN")).body);
    const report = await importHouseholds(f.staff, utf8(csv.replace("RS-V001", "RS-A")), { commit: false });
    expect(report.errors).toEqual([]);
    const income = new TextDecoder().decode((await importTemplate("income", "csv", "en")).body);
    const r2 = await importIncome(f.staff, utf8(income.replace("450225100001-0001", "INC-A2")), { commit: false });
    expect(r2).toMatchObject({ errors: [], toCreate: 1 });
  });
});

describe("import check: what the user sees", () => {
  it("previews the first rows as decoded, with the detected encoding (GBK came through)", async () => {
    const report = await importIncome(f.operatorA, GBK_INCOME, { commit: false });
    expect(report.encoding).toBe("gbk");
    expect(report.preview).toEqual({ headers: ["户编号", "日期", "收入来源", "金额（元）", "备注"], keys: ["householdCode", "date", "source", "amount", "note"], rows: [["GBK-1", "2020-05-01", "外出务工", "1500.50", "广西柳州打工"]] });
    const rows = Array.from({ length: 8 }, (_, i) => `IMP-P${i},户主${i},450225100001,RS-A,2,一般贫困户,,2016,是,是,是,是,是`);
    const big = await importHouseholds(f.staff, utf8(householdCsv(rows)), { commit: false });
    expect(big.preview!.rows).toHaveLength(5);
    expect(big.preview!.rows[0].slice(0, 3)).toEqual(["IMP-P0", "户主0", "450225100001"]);
    expect(big.preview!.keys.slice(0, 3)).toEqual(["code", "headName", "village"]);
  });

  it("lists the valid values in an enum error, in the reader's language", async () => {
    const csv = householdCsv(["IMP-E1,户主,450225100001,RS-A,2,富裕户,因懒,2016,是,是,是,是,是"]);
    const report = await importHouseholds(f.staff, utf8(csv), { commit: false });
    const zh = renderReport(report, "zh-CN").errors.map((e) => e.message);
    expect(zh).toContain("贫困户属性应为：一般贫困户、低保贫困户、特困供养户");
    expect(zh.some((m) => m.startsWith("致贫原因应为：因病、"))).toBe(true);
    const en = renderReport(report, "en").errors.map((e) => e.message);
    expect(en[0]).toMatch(/^贫困户属性 must be one of: .+, .+/);
    const income = await importIncome(f.operatorA, utf8("户编号,日期,收入来源,金额\nINC-X,2020-03-01,打麻将,100\n"), { commit: false });
    expect(renderReport(income, "zh-CN").errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^收入来源应为：电商销售、/)]));
  });

  it("accepts a village as its code, its name, or 乡镇 + 村 (with or without a space)", async () => {
    const townships = [{ id: 1, name: "汪洞乡", nameEn: "Wangdong" }, { id: 2, name: "杆洞乡", nameEn: "Gandong" }];
    const villages = [
      { id: 10, code: "450225201001", name: "示例村001", townshipId: 1 },
      { id: 20, code: "450225202001", name: "示例村001", townshipId: 2 },
      { id: 30, code: "450225202002", name: "高培村", townshipId: 2 },
    ];
    const find = villageFinder(villages, townships);
    expect(find("450225201001")).toBe(villages[0]);
    expect(find("高培村")).toBe(villages[2]);
    expect(find("示例村001")).toBe("ambiguous");
    expect(find("汪洞乡 示例村001")).toBe(villages[0]);
    expect(find("汪洞乡示例村001")).toBe(villages[0]);
    expect(find("杆洞乡·示例村001")).toBe(villages[1]);
    expect(find("杆洞乡　示例村001")).toBe(villages[1]); // an ideographic space
    expect(find("Gandong 示例村001")).toBe(villages[1]);
    expect(find("汪洞乡 高培村")).toBeUndefined(); // 高培村 is not in 汪洞乡
    expect(find("不存在的村")).toBeUndefined();
  });

  it("imports a row whose village is given as 乡镇 村", async () => {
    const csv = householdCsv(["IMP-TV1,户主,示例镇 示例村002,RS-B,2,一般贫困户,,2016,是,是,是,是,是", "IMP-TV2,户主,示例镇示例村001,RS-A,2,一般贫困户,,2016,是,是,是,是,是"]);
    const report = await importHouseholds(f.staff, utf8(csv), { commit: false });
    expect(report).toMatchObject({ toCreate: 2, errors: [] });
  });
});
