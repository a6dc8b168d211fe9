import { describe, expect, it } from "vitest";
import { z } from "zod";
import { normaliseNumberText, yuanToFen } from "@/lib/validation/money";
import { idSchema, int, toNumber, yuanSchema } from "@/lib/validation/primitives";
import { quantitySchema } from "@/lib/validation/sales";

describe("full-width digits and Chinese punctuation in numbers", () => {
  it.each([
    ["１２００", "1200"],
    ["１，２００。５", "1,200.5"],
    ["１２．５", "12.5"],
    ["－３", "-3"],
    ["1200。", "1200"],
    ["１２３　", "123 "],
  ])("normalises %s → %s", (input, out) => {
    expect(normaliseNumberText(input)).toBe(out);
  });

  it.each([
    ["１２００", 1200],
    ["１，２００。５", 1200.5],
    ["1,200", 1200],
    ["12,345,678.25", 12345678.25],
    [" ３ ", 3],
    ["－７", -7],
    ["1200。", 1200],
  ])("toNumber(%s) → %s", (input, n) => {
    expect(toNumber(input)).toBe(n);
  });

  it.each(["1,5", "1,20", "12,3456", "1e3", "abc", "１２a", "1.2.3"])("toNumber leaves ambiguous or non-numeric %s as text", (input) => {
    expect(toNumber(input)).toBe(input);
  });

  it("keeps blanks as not given and numbers as numbers", () => {
    expect(toNumber("")).toBeUndefined();
    expect(toNumber("　")).toBeUndefined();
    expect(toNumber(12)).toBe(12);
  });

  it.each([
    ["１２００", 120_000],
    ["１，２００。５", 120_050],
    ["￥１２．３", 1_230],
    ["¥1,000.00", 100_000],
    ["－１２。５", -1_250],
    ["1,234.56", 123_456],
  ])("yuanToFen(%s) → %s fen", (input, fen) => {
    expect(yuanToFen(input)).toBe(fen);
  });

  it.each(["1,5", "12,34.5", "１，２", "1.001"])("yuanToFen refuses %s (handed back for the field error)", (input) => {
    expect(typeof yuanToFen(input)).toBe("string");
  });

  it("flows through the schemas built on them", () => {
    expect(int().parse("１２")).toBe(12);
    expect(idSchema.parse("３２０")).toBe(320);
    expect(yuanSchema().parse("１，２００。５")).toBe(120_050);
    expect(quantitySchema.parse("２。５")).toBe("2.5");
    expect(z.object({ n: int() }).safeParse({ n: "1,5" }).success).toBe(false);
  });
});
