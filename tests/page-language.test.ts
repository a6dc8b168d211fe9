// Text helpers that put stored Chinese into the page's language: system status reasons, bracketed codes.
import { describe, expect, it } from "vitest";
import { statusReason } from "@/lib/households/reasons";
import { withCode } from "@/lib/format";

describe("statusReason", () => {
  it("shows the system's reasons in the page's language and typed reasons as typed", () => {
    expect(statusReason("新增建档", "en")).toBe("Registered");
    expect(statusReason("批量导入", "en")).toBe("Imported from a file");
    expect(statusReason("Registered", "zh-CN")).toBe("新增建档");
    expect(statusReason("新增建档", "zh-CN")).toBe("新增建档");
    expect(statusReason("村民代表大会评议通过", "en")).toBe("村民代表大会评议通过");
    expect(statusReason(null, "en")).toBe("");
  });
});

describe("withCode", () => {
  it("uses full-width brackets in Chinese and ASCII ones in English", () => {
    expect(withCode("潘老三", "450225205001-0042", "zh-CN")).toBe("潘老三（450225205001-0042）");
    expect(withCode("Black tea", "jin", "en")).toBe("Black tea (jin)");
  });
});
