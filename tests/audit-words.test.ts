import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import zhCN from "../messages/zh-CN.json";
import en from "../messages/en.json";
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditChanges, auditLineText, describeAudit, type Words } from "@/lib/audit-words";

const zh = createTranslator({ locale: "zh-CN", messages: zhCN }) as unknown as Words;
const english = createTranslator({ locale: "en", messages: en }) as unknown as Words;
const lines = (row: Parameters<typeof describeAudit>[0], words = zh, locale = "zh-CN") => describeAudit(row, words, locale).lines.map(auditLineText);

describe("the audit log in words", () => {
  it("names every known action and entity in both languages", () => {
    for (const words of [zh, english]) {
      for (const a of AUDIT_ACTIONS) expect(words.has(`audit.actions.${a}`), a).toBe(true);
      for (const e of AUDIT_ENTITIES) expect(words.has(`audit.entities.${e}`), e).toBe(true);
    }
    const old = describeAudit({ action: "setLocale", entity: "User", before: { locale: "zh-CN" }, after: { locale: "en" } }, zh, "zh-CN");
    expect(old.action).toBe("切换语言（偏好）");
    expect(old.entity).toBe("用户");
    expect(old.lines.map(auditLineText)).toEqual(["语言: 中文 → English"]);
    const seed = describeAudit({ action: "seed", entity: "County", before: null, after: { county: 1, households: 120 } }, english, "en");
    expect([seed.action, seed.entity]).toEqual(["Demo data loaded", "County"]);
    expect(seed.lines.map(auditLineText)).toEqual(["County: 1", "Households: 120"]);
  });

  it("shows only the fields that changed, each as 字段名: 旧值 → 新值, enums and money in words", () => {
    const before = { id: 7, code: "H-1", headName: "王某", size: 4, type: "GENERAL", status: "POOR", phone: "138****0000", idNumber: "4502**********123X", version: 1, updatedAt: "a", village: { id: 1, code: "V1", name: "示例村001" }, villageId: 1, educationSecure: false };
    const after = { ...before, size: 5, type: "MINIMUM_INCOME", version: 2, updatedAt: "b", village: { id: 2, code: "V2", name: "示例村002" }, villageId: 2, educationSecure: true };
    expect(auditChanges(before, after).map((c) => c.field)).toEqual(["size", "type", "village", "educationSecure"]);
    expect(lines({ action: "update", entity: "Household", before, after })).toEqual([
      "家庭人口: 4 → 5",
      "贫困户属性: 一般贫困户 → 低保贫困户",
      "村: V1 示例村001 → V2 示例村002",
      "义务教育有保障: 否 → 是",
    ]);
    expect(lines({ action: "update", entity: "Household", before, after }, english, "en")[1])
      .toBe(`Household type: ${english("enums.HouseholdType.GENERAL")} → ${english("enums.HouseholdType.MINIMUM_INCOME")}`);
    // A place compared by id: a township gaining its English name is no change.
    expect(auditChanges({ township: { id: 3, name: "汪洞乡" } }, { township: { id: 3, name: "汪洞乡", nameEn: "Wangdong" } })).toEqual([]);
  });

  it("keeps personal data masked as stored", () => {
    const row = { action: "update", entity: "Household", before: { phone: "138****0000" }, after: { phone: "139****1111" } };
    expect(lines(row)).toEqual(["电话: 138****0000 → 139****1111"]);
  });

  it("writes a status change, a reversal and a price in words", () => {
    expect(lines({ action: "statusChange", entity: "Household", before: { status: "POOR", exitYear: null }, after: { status: "EXITED", exitYear: 2020, reason: "达标" } })).toEqual([
      `状态: ${zh("enums.HouseholdStatus.POOR")} → ${zh("enums.HouseholdStatus.EXITED")}`,
      "脱贫年份: — → 2020",
      "原因: — → 达标",
    ]);
    expect(lines({ action: "update", entity: "Product", before: { priceFen: 1200, unit: "斤" }, after: { priceFen: 1550, unit: "斤" } }, english, "en")).toEqual(["Price: ¥12.00 → ¥15.50"]);
    expect(lines({ action: "reverse", entity: "Sale", before: { reversed: false }, after: { reversed: true, reason: "退货", reversalEntryIds: [5, 6] } })).toEqual([
      "已冲正: 否 → 是", "原因: — → 退货", "冲正记录: — → 2 条",
    ]);
  });

  it("lists a created record's fields without arrows, leaving out empty ones and noise", () => {
    const row = { action: "create", entity: "IncomeEntry", before: null, after: { id: 9, date: "2020-05-01", source: "MIGRANT_WORK", category: "WAGE", amountFen: 150050, note: null, createdAt: "x" } };
    expect(lines(row)).toEqual(["日期: 2020-05-01", `收入来源: ${zh("enums.IncomeSource.MIGRANT_WORK")}`, `类别: ${zh("enums.IncomeCategory.WAGE")}`, "金额: ¥1,500.50"]);
    expect(lines({ action: "signInFailed", entity: "User", before: null, after: { email: "x@y.z", clientAddress: "10.0.0.1" } }, english, "en")).toEqual(["Email: x@y.z", "Client address: 10.0.0.1"]);
  });

  it("shows an unknown action, entity or field as stored rather than failing", () => {
    const d = describeAudit({ action: "frobnicate", entity: "Widget", before: { knob: 1 }, after: { knob: 2 } }, zh, "zh-CN");
    expect([d.action, d.entity, d.lines.map(auditLineText)]).toEqual(["frobnicate", "Widget", ["knob: 1 → 2"]]);
  });

  it("says what a reversal reversed, in words", () => {
    const original = { id: 9, householdId: 3, householdCode: "H-3", date: "2020-06-01", source: "MIGRANT_WORK", amountFen: 150050, reversesId: null, reverses: null, reversalReason: null };
    const reversal = { ...original, id: 10, amountFen: -150050, reversesId: 9, reverses: { id: 9, date: "2020-06-01", amountFen: 150050, source: "MIGRANT_WORK" }, reversalReason: "金额录错" };
    expect(lines({ action: "reverse", entity: "IncomeEntry", before: original, after: reversal }, english, "en")).toEqual([
      "Amount: ¥1,500.50 → -¥1,500.50",
      `Reverses: — → 2020-06-01 ${english("enums.IncomeSource.MIGRANT_WORK")} ¥1,500.50`,
      "Reversal reason: — → 金额录错",
    ]);
  });
});
