import { describe, expect, it } from "vitest";
import { KNOWN_UNITS, unitLabel, unitShort } from "@/lib/units";

describe("product units in the page's language", () => {
  it.each([
    ["斤", "jin (500 g)"],
    ["盒", "box"],
    ["袋", "bag"],
    ["箱", "case"],
    ["公斤", "kg"],
    ["千克", "kg"],
    ["个", "piece"],
    [" 瓶 ", "bottle"],
  ])("%s → %s in English", (unit, label) => {
    expect(unitLabel(unit, "en")).toBe(label);
  });

  it("shows the stored text in Chinese, and unknown units as stored", () => {
    expect(unitLabel("斤", "zh-CN")).toBe("斤");
    expect(unitLabel("kg", "en")).toBe("kg");
    expect(unitLabel("坛", "en")).toBe("坛");
  });

  it("has a short form without the weight note", () => {
    expect(unitShort("斤", "en")).toBe("jin");
    expect(unitShort("盒", "en")).toBe("box");
    expect(unitShort("斤", "zh-CN")).toBe("斤");
  });

  it("has an English label for every unit the form suggests", () => {
    for (const u of KNOWN_UNITS) expect(unitLabel(u, "en")).not.toBe(u);
  });
});

describe("seeded settings notes in the page's language", () => {
  it("translates the seeded notes both ways and leaves typed notes alone", async () => {
    const { lineNote } = await import("@/lib/settings/notes");
    expect(lineNote("approximate; verify", "zh-CN")).toBe("近似值；请核实");
    expect(lineNote("近似值；请核实", "en")).toBe("approximate; verify");
    expect(lineNote("approximate; verify", "en")).toBe("approximate; verify");
    expect(lineNote("县扶贫办 2021 年核定", "en")).toBe("县扶贫办 2021 年核定");
    expect(lineNote(null, "en")).toBe("");
  });
});
