import { expect, test, type Page } from "@playwright/test";
import { gbk, screenshots, signIn } from "./helpers";

// Journeys of issue 3. They only add data (new households with unique codes, new ledger entries), so they do not
// depend on, or disturb, what other spec files write to the shared e2e database.

const OPERATOR = "op-rs-v001@rongshui.example";

function yuanToNumber(text: string): number {
  return Number(text.replace(/[^\d.-]/g, ""));
}

/** A POOR household of the operator's station whose 2020 per-capita income is not above the line (via the API). */
async function poorHouseholdBelowLine(page: Page): Promise<number> {
  const list = await (await page.request.get("/api/v1/households?status=POOR&pageSize=100")).json();
  for (const h of list.households as { id: number }[]) {
    const a = await (await page.request.get(`/api/v1/households/${h.id}/assessment?year=2020`)).json();
    if (a.reasons.some((r: { key: string }) => r.key === "households.assessment.incomeNotAbove")) return h.id;
  }
  throw new Error("no POOR household below the 2020 line at RS-V001");
}

test("an operator logs three income entries and sees per-capita income and the assessment change", async ({ page }) => {
  await signIn(page, OPERATOR);
  const id = await poorHouseholdBelowLine(page);
  await page.goto("/households?status=POOR");
  await page.goto(`/households/${id}?year=2020`);
  const assessment = page.getByTestId("assessment");
  await expect(assessment).toContainText("2020");
  const before = yuanToNumber((await page.getByTestId("per-capita").textContent())!);
  const size = Number((await page.locator("dt", { hasText: "家庭人口" }).locator("xpath=following-sibling::dd").textContent())!.replace(/\D/g, ""));
  await expect(assessment).toContainText("人均纯收入未超过贫困线");

  // Quick entry, keyboard only: the household is preselected, so amount → Enter, three times.
  await page.getByRole("link", { name: "录入收入" }).click();
  await expect(page).toHaveURL(/\/income\/new\?household=/);
  await expect(page.locator("#household")).toHaveValue(/\S+/);
  await page.locator("#date").fill("2020-12-31");
  await page.locator("#source").selectOption("STATION_JOB");
  const amounts = ["9000", "8000.50", "7500.25"];
  for (const [i, amount] of amounts.entries()) {
    await page.locator("#amount").fill(amount);
    await page.locator("#amount").press("Enter");
    await expect(page.getByTestId("recent-entries").locator("li")).toHaveCount(i + 1);
    await expect(page.locator("#amount")).toHaveValue("");
  }
  // A mistake is refused at the field, and nothing is recorded.
  await page.locator("#amount").fill("0");
  await page.locator("#amount").press("Enter");
  await expect(page.locator("#amount-error")).toContainText("金额必须大于 0");
  await expect(page.getByTestId("recent-entries").locator("li")).toHaveCount(3);

  await page.goto(`/households/${id}?year=2020`);
  const after = yuanToNumber((await page.getByTestId("per-capita").textContent())!);
  const added = 9000 + 8000.5 + 7500.25;
  expect(after).toBeCloseTo(before + Math.floor((added * 100) / size) / 100, 1);
  await expect(page.getByTestId("assessment")).not.toContainText("人均纯收入未超过贫困线");
  await expect(page.locator("[data-testid=ledger-row]", { hasText: "¥9,000.00" }).first()).toBeVisible();
});

test("an operator cannot open another station's household, by page or by API", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  const res = await page.request.get("/api/v1/households?stationId=&q=450225&pageSize=100");
  const rows = (await res.json()).households as { id: number; station: { code: string } | null }[];
  const other = rows.find((h) => h.station && h.station.code !== "RS-V001");
  expect(other).toBeTruthy();
  await page.context().clearCookies();

  await signIn(page, OPERATOR);
  const pageRes = await page.goto(`/households/${other!.id}`);
  expect(pageRes?.status()).toBe(403);
  for (const path of [`/api/v1/households/${other!.id}`, `/api/v1/households/${other!.id}/income`, `/api/v1/households/${other!.id}/assessment?year=2020`]) {
    const r = await page.request.get(path);
    expect(r.status(), path).toBe(403);
  }
  const write = await page.request.post(`/api/v1/households/${other!.id}/income`, { data: { date: "2020-05-01", category: "WAGE", source: "OTHER", amountFen: 100 } });
  expect(write.status()).toBe(403);
  const list = await (await page.request.get("/api/v1/households?pageSize=100")).json();
  expect(list.households.every((h: { station: { code: string } }) => h.station.code === "RS-V001")).toBe(true);
});

test("the API: validation names fields, a stale PATCH is a 409 with the current values, entries cannot be edited or deleted", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  const code = `E2E-API-${Date.now().toString(36)}`;
  const bad = await page.request.post("/api/v1/households", { data: { code: "bad code", headName: "", size: 0, type: "X", villageId: 999999, registeredYear: 2014 } });
  expect(bad.status()).toBe(400);
  expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["code", "headName", "size", "type"]);

  const villages = await (await page.request.get("/api/v1/households?pageSize=10")).json();
  const villageId = villages.households[0].village.id;
  const created = await page.request.post("/api/v1/households", { data: { code, headName: "<b>API</b>", size: 2, type: "GENERAL", villageId, registeredYear: 2016 } });
  expect(created.status()).toBe(201);
  const h = await created.json();
  expect(h).toMatchObject({ code, headName: "<b>API</b>", version: 1, status: "POOR" });

  expect((await page.request.patch(`/api/v1/households/${h.id}`, { data: { version: 1, size: 3 } })).status()).toBe(200);
  const stale = await page.request.patch(`/api/v1/households/${h.id}`, { data: { version: 1, size: 5 } });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error.details.current).toMatchObject({ size: 3, version: 2 });

  const entry = await page.request.post(`/api/v1/households/${h.id}/income`, { data: { date: "2020-12-31", category: "WAGE", source: "MIGRANT_WORK", amountFen: 123456 } });
  expect(entry.status()).toBe(201);
  const e = await entry.json();
  expect(e).toMatchObject({ amountFen: 123456, date: "2020-12-31" });
  expect((await page.request.patch(`/api/v1/income/${e.id}`, { data: { amountFen: 1 } })).status()).toBe(405);
  expect((await page.request.delete(`/api/v1/income/${e.id}`)).status()).toBe(405);
  const reversal = await page.request.post(`/api/v1/income/${e.id}/reversal`, { data: { reason: "e2e" } });
  expect(reversal.status()).toBe(201);
  expect((await page.request.post(`/api/v1/income/${e.id}/reversal`, { data: { reason: "again" } })).status()).toBe(409);
  const assessment = await (await page.request.get(`/api/v1/households/${h.id}/assessment?year=2020`)).json();
  expect(assessment).toMatchObject({ incomeFen: 0, lineFen: 400000, eligible: false });

  // The page renders the name as text, never as markup.
  await page.goto(`/households/${h.id}`);
  await expect(page.locator("h1")).toContainText("<b>API</b>");
});

test("staff imports a CSV with one bad row, reads the report, fixes it, imports, and finds the households", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  const tag = `E2E${Date.now().toString(36).toUpperCase()}`;
  const header = "户编号,户主姓名,村,服务站编号,家庭人口,贫困户属性,致贫原因,识别年度";
  const row = (n: number, size: string) => `${tag}-${n},导入户主${n},450225100001,RS-V001,${size},一般贫困户,因病、缺技术,2014`;
  const file = (size2: string) => ({ name: "households.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${[header, row(1, "3"), row(2, size2), row(3, "5")].join("\r\n")}\r\n`) });

  await page.goto("/households");
  await page.getByRole("link", { name: "批量导入" }).click();
  await expect(page).toHaveURL(/\/households\/import$/);
  await page.locator("#import-file").setInputFiles(file("0"));
  await page.getByRole("button", { name: "检查文件" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toBeVisible();
  await expect(page.getByTestId("error-count")).toHaveText("1");
  const error = page.getByTestId("import-error");
  await expect(error).toHaveCount(1);
  await expect(error).toContainText("3");
  await expect(error).toContainText("家庭人口");
  await expect(page.getByRole("button", { name: /^导入/ })).toHaveCount(0);

  await page.locator("#import-file").setInputFiles(file("4"));
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("to-create")).toHaveText("3");
  await page.getByRole("button", { name: "导入 3 行" }).click();
  await expect(report).toContainText("导入完成：新增 3 行");

  await page.goto(`/households?q=${tag}`);
  await expect(page.getByTestId("pager-total")).toContainText("共 3 条");
  await expect(page.locator("tbody tr")).toHaveCount(3);
  await expect(page.locator("tbody")).toContainText(`${tag}-2`);

  // Importing the same file again changes nothing.
  await page.goto("/households/import");
  await page.locator("#import-file").setInputFiles(file("4"));
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("to-create")).toHaveText("0");
  await expect(report).toContainText("所有行都已存在");
});

test("registry filters live in the URL and exports carry them", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  await page.goto("/households");
  await page.locator("select[name=status]").selectOption("EXITED");
  await page.locator("select[name=pageSize]").selectOption("50");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/status=EXITED/);
  await expect(page).toHaveURL(/pageSize=50/);
  await expect(page.locator("tbody tr")).toHaveCount(50);
  await page.getByRole("link", { name: /^户主/ }).click();
  await expect(page).toHaveURL(/sort=headName/);
  await expect(page).toHaveURL(/status=EXITED/);
  const href = await page.getByRole("link", { name: "导出 CSV" }).getAttribute("href");
  expect(href).toContain("status=EXITED");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toContain("户编号");
  expect(text).not.toContain(",未脱贫,");
});

test("staff: the status form of a POOR household preselects nothing and asks for the status and the year; a reversal row says what it reversed", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  const id = await poorHouseholdBelowLine(page);
  await page.goto(`/households/${id}`);

  // Nothing chosen for the user: submitting as is names every missing field at once, in words.
  await expect(page.locator("#toStatus")).toHaveValue("");
  await expect(page.locator("#status-year")).toHaveValue("");
  await expect(page.locator("#toStatus")).toHaveAttribute("aria-required", "true");
  await expect(page.locator("label[for=toStatus]")).toContainText("*");
  await page.getByRole("button", { name: "变更状态" }).click();
  await expect(page.locator("#toStatus-error")).toHaveText("必填。");
  await expect(page.locator("#status-year-error")).toHaveText("必填。");
  await expect(page.locator("#status-reason-error")).toHaveText("必填。");
  const status = await (await page.request.get(`/api/v1/households/${id}`)).json();
  expect(status.status).toBe("POOR");

  // An entry typed with full-width digits and a Chinese full stop, then reversed from the household's ledger.
  await page.getByRole("link", { name: "录入收入" }).click();
  await page.locator("#source").selectOption("MIGRANT_WORK");
  await page.locator("#amount").fill("１２３。４７");
  await page.locator("#amount").press("Enter");
  await expect(page.getByTestId("recent-entries").locator("li").first()).toContainText("¥123.47");
  await page.goto(`/households/${id}`);
  // Pinned by its id: once reversed, the reversal's row (same date, newer, same amount and source) is listed above it.
  const original = page.locator(`#${await page.getByTestId("ledger-row").filter({ hasText: "¥123.47" }).filter({ hasText: "外出务工" }).first().getAttribute("id")}`);
  await original.getByRole("button", { name: /冲正/ }).click();
  await page.getByRole("textbox", { name: "冲正原因" }).fill("金额录错");
  await page.getByRole("button", { name: "确认冲正" }).click();
  // Wait for the answer on screen before reloading: a reload racing the action would drop it.
  const reversal = page.getByTestId("ledger-row").filter({ hasText: "金额录错" }).first();
  await expect(reversal).toBeVisible();
  await page.reload();
  const link = reversal.getByTestId("reversal-of");
  await expect(link).toHaveText(/^冲正 \d{4}\/\d{2}\/\d{2} 外出务工 ¥123\.47$/);
  await expect(reversal).not.toContainText("#");
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^#entry-\d+$/);
  await link.click();
  await expect(page.locator(href!)).toContainText("已冲正");
});

// A center clerk's day, through the visible controls only (the sign-in page is the one URL typed): register a
// household with the suggested code, record income and reverse it, check a GBK file's preview, export the registry.
// In Chinese, and again in English (the clerk's saved language, put back to Chinese afterwards).
const CLERK = {
  "zh-CN": {
    households: "贫困户", newHousehold: "新增贫困户", village: "所在村", code: "户编号", headName: "户主姓名", size: "家庭人口", create: "创建",
    suggested: "本村下一个空号", recordIncome: "录入收入", source: "外出务工", amount: "¥1,234.50", reverse: "冲正", reason: "冲正原因",
    confirm: "确认冲正", reversed: "已冲正", import: "批量导入", check: "检查文件", search: "户编号或户主姓名", filter: "筛选",
    exportCsv: "导出 CSV", place: "汪洞乡 · 腾合村", taken: "该户编号已存在。",
  },
  en: {
    households: "Households", newHousehold: "New household", village: "Village", code: "Household code", headName: "Head of household", size: "Household size", create: "Create",
    suggested: "Next free code in this village", recordIncome: "Record income", source: "Migrant work", amount: "¥1,234.50", reverse: "Reverse", reason: "Reason for the reversal",
    confirm: "Reverse entry", reversed: "Reversed", import: "Import", check: "Check file", search: "Household code or head's name", filter: "Filter",
    exportCsv: "Export CSV", place: "腾合村 (Wangdong", taken: "This household code is already registered.",
  },
} as const;

/** A form field by its label, the required mark (*) allowed after it; other controls whose label contains it are not. */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*\\*?$`));

for (const locale of ["zh-CN", "en"] as const) {
  test.describe(`a staff clerk's day (${locale})`, () => {
    const L = CLERK[locale];
    const language = async (page: Page, to: "中文" | "English") => {
      const button = page.locator("aside").getByRole("group", { name: /^(Language|语言)$/ }).getByRole("button", { name: to });
      if ((await button.getAttribute("aria-pressed")) !== "true") {
        await button.click();
        await expect(button).toHaveAttribute("aria-pressed", "true");
      }
    };
    test.afterEach(async ({ browser }) => {
      if (locale === "zh-CN") return;
      const page = await browser.newPage();
      await signIn(page, "staff@rongshui.example");
      await language(page, "中文");
      await page.close();
    });

    test("registers a household with the suggested code, records and reverses income, checks a GBK file, exports", async ({ page }) => {
      await signIn(page, "staff@rongshui.example");
      await language(page, locale === "en" ? "English" : "中文");
      const tag = `${locale === "en" ? "EN" : "ZH"}${Date.now().toString(36).toUpperCase()}`;
      const headName = `日常户主${tag}`;

      // Register: choosing the village fills in its next free code.
      await page.locator("aside nav").getByRole("link", { name: L.households, exact: true }).click();
      await page.getByRole("link", { name: L.newHousehold }).click();
      await expect(page).toHaveURL(/\/households\/new$/);
      await field(page, L.village).selectOption({ label: "腾合村" });
      const code = field(page, L.code);
      await expect(code).toHaveValue(/^450225205\d{3}-\d{4}$/);
      await expect(page.getByText(L.suggested)).toBeVisible();
      const suggested = await code.inputValue();
      await screenshots(page, `household-new-${locale}`);
      await field(page, L.headName).fill(headName);
      await field(page, L.size).fill("3");
      await page.getByRole("button", { name: L.create }).click();
      await expect(page).toHaveURL(/\/households\/\d+$/);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(suggested);
      await expect(page.locator("main")).toContainText(L.place);
      const householdUrl = page.url();

      // The next household of that village is offered the next code; typing the taken one is a field error.
      await page.locator("aside nav").getByRole("link", { name: L.households, exact: true }).click();
      await page.getByRole("link", { name: L.newHousehold }).click();
      await expect(page).toHaveURL(/\/households\/new$/);
      await field(page, L.village).selectOption({ label: "腾合村" });
      const serial = Number(suggested.slice(-4));
      await expect(code).toHaveValue(`${suggested.slice(0, -4)}${String(serial + 1).padStart(4, "0")}`);
      await code.fill(suggested);
      await field(page, L.headName).fill(`${headName}乙`);
      await field(page, L.size).fill("2");
      await page.getByRole("button", { name: L.create }).click();
      await expect(page.locator("#code-error")).toHaveText(L.taken);
      await expect(code).toHaveValue(suggested);

      // Record income for the first household from its page, then reverse it from the ledger.
      await page.locator("aside nav").getByRole("link", { name: L.households, exact: true }).click();
      await page.getByPlaceholder(L.search).fill(tag);
      await page.getByRole("button", { name: L.filter }).click();
      await page.getByRole("link", { name: suggested }).click();
      await expect(page).toHaveURL(householdUrl);
      await page.getByRole("link", { name: L.recordIncome }).click();
      await page.locator("#source").selectOption({ label: L.source });
      await page.locator("#amount").fill("1234.5");
      await page.locator("#amount").press("Enter");
      const recent = page.getByTestId("recent-entries").locator("li").first();
      await expect(recent).toContainText(L.amount);
      await recent.getByRole("link").click();
      await expect(page).toHaveURL(householdUrl);
      // The entry's own row (by its id: the reversal's row, added above it, shows the same amount).
      const row = page.locator(`#${await page.getByTestId("ledger-row").filter({ hasText: L.amount }).first().getAttribute("id")}`);
      await row.getByRole("button", { name: new RegExp(`^${L.reverse}`) }).click();
      await page.getByRole("textbox", { name: L.reason }).fill("e2e 录错");
      await page.getByRole("button", { name: L.confirm }).click();
      await expect(row.getByText(new RegExp(L.reversed)).first()).toBeVisible();

      // A GBK file (Excel's CSV in China): the preview shows its Chinese as decoded.
      await page.locator("aside nav").getByRole("link", { name: L.households, exact: true }).click();
      await page.getByRole("link", { name: L.import }).click();
      const csv = ["户编号,户主姓名,村,服务站编号,家庭人口,贫困户属性,致贫原因,识别年度", `${tag}-G1,潘金花,450225100001,RS-V001,4,一般贫困户,因病、缺技术,2014`].join("\r\n");
      await page.locator("#import-file").setInputFiles({ name: "gbk.csv", mimeType: "text/csv", buffer: gbk(`${csv}\r\n`) });
      await page.getByRole("button", { name: L.check }).click();
      const preview = page.getByTestId("import-preview");
      await expect(preview).toContainText("潘金花");
      await expect(preview).toContainText("户主姓名");
      await expect(preview).toContainText("因病、缺技术");
      await expect(page.getByTestId("import-encoding")).toContainText(/GBK/i);
      await expect(page.getByTestId("to-create")).toHaveText("1");

      // Export the registry filtered to this clerk's households.
      await page.locator("aside nav").getByRole("link", { name: L.households, exact: true }).click();
      await page.getByPlaceholder(L.search).fill(tag);
      await page.getByRole("button", { name: L.filter }).click();
      await expect(page.locator("main")).toContainText(L.place);
      await screenshots(page, `households-list-${locale}`);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: L.exportCsv }).or(page.getByRole("button", { name: L.exportCsv })).first().click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const file = await download.path();
      const { readFile } = await import("node:fs/promises");
      const text = await readFile(file, "utf8");
      expect(text).toContain(suggested);
      expect(text).toContain(headName);
    });
  });
}

// On a phone the registry's rows are cards and its column headers are hidden: the filter form's sort controls set
// the order instead, and show the order the page is in.
test("on a 390 px phone the registry is sorted with the visible sort controls, and they show the page's sort", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "staff@rongshui.example");
  await page.locator("header summary").click();
  await page.locator("header nav").getByRole("link", { name: "贫困户", exact: true }).click();
  await expect(page).toHaveURL(/\/households$/);
  const sortBy = page.getByRole("combobox", { name: "排序依据" });
  const sortDir = page.getByRole("combobox", { name: "排序方向" });
  await expect(sortBy).toBeVisible();
  await expect(sortBy).toHaveValue("code");
  await expect(sortDir).toHaveValue("asc");
  await expect(page.locator("main table thead")).toBeHidden();
  const firstCode = () => page.locator("main table tbody tr").first().locator(`td[data-label="户编号"]`).textContent();
  const sizes = async () => (await page.locator(`main table tbody td[data-label="人口"]`).allTextContents()).map(Number);
  const before = await firstCode();

  await sortBy.selectOption({ label: "排序: 人口" });
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/sort=size/);
  await expect(page).toHaveURL(/dir=asc/);
  await expect(sortBy).toHaveValue("size");
  const ascending = await sizes();
  expect(ascending.length).toBeGreaterThan(1);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  expect(await firstCode()).not.toBe(before);

  await sortDir.selectOption({ label: "降序 ↓" });
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(sortBy).toHaveValue("size");
  await expect(sortDir).toHaveValue("desc");
  const descending = await sizes();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  expect(descending[0]).toBeGreaterThan(ascending[0]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The pager keeps the sort, and the controls still show it on the next page.
  await page.locator("a[rel=next]").first().click();
  await expect(page).toHaveURL(/page=2/);
  await expect(sortBy).toHaveValue("size");
  await expect(sortDir).toHaveValue("desc");
});

test("the import check's preview: on a 390 px phone each row is a card led by its code and head, at 1366 px the file's columns", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "staff@rongshui.example");
  const tag = `PV${Date.now().toString(36).toUpperCase()}`;
  const header = "户编号,户主姓名,村,服务站编号,家庭人口,贫困户属性,致贫原因,识别年度,身份证号,联系电话";
  const rows = [1, 2].map((n) => `${tag}-${n},预览户主${n},450225100001,RS-V001,3,一般贫困户,因病、缺技术,2014,,`);
  await page.locator("header summary").click();
  await page.locator("header nav").getByRole("link", { name: "贫困户", exact: true }).click();
  await page.getByRole("link", { name: "批量导入" }).click();
  await page.locator("#import-file").setInputFiles({ name: "preview.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${[header, ...rows].join("\r\n")}\r\n`) });
  await page.getByRole("button", { name: "检查文件" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toBeVisible();
  await expect(preview.locator("thead")).toBeHidden();
  const card = page.getByTestId("import-preview-row").first();
  const cells = card.locator("td:visible");
  // The card's title: the code, then the head's name, each across the card; then the other columns under the
  // file's own headers.
  await expect(cells.nth(0)).toHaveText(`${tag}-1`);
  await expect(cells.nth(1)).toHaveText("预览户主1");
  const [code, name, village, cardBox] = await Promise.all([cells.nth(0), cells.nth(1), card.locator('td[data-label="村"]'), card].map(async (c) => (await c.boundingBox())!));
  expect(name.y).toBeGreaterThanOrEqual(code.y + code.height - 1);
  expect(village.y).toBeGreaterThanOrEqual(name.y + name.height - 1);
  expect(code.width).toBeGreaterThan(cardBox.width * 0.8);
  expect(code.height).toBeLessThan(1.5 * (await cells.nth(0).evaluate((e) => parseFloat(getComputedStyle(e).lineHeight)))); // one line
  expect(await card.locator('td[data-label="致贫原因"]').textContent()).toBe("因病、缺技术");
  // Blank cells (ID number, phone) are left off the card.
  await expect(card.locator('td[data-label="身份证号"]')).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const region = page.getByRole("region", { name: /文件前 2 行/ });
  await expect(region).toBeVisible();

  // A desk PC: the file's columns in the file's order, under its headers.
  await page.setViewportSize({ width: 1366, height: 900 });
  await expect(preview.locator("thead")).toBeVisible();
  await expect(preview.locator("thead th")).toHaveText(header.split(","));
  await expect(preview.locator("tbody tr").first().locator("td").first()).toHaveText(`${tag}-1`);
});
