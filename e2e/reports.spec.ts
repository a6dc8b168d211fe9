// A county official's reporting journey (issue #9), driven through the visible controls: sign in as the VIEWER,
// drill down from the dashboard, open the reports, choose July 2019 – June 2020 with the form, read the figures
// (checked against GET /api/v1/reports for the same period, never against numbers written here), download that
// period's report with the visible button and open it; the buttons download what is selected, not what is on screen;
// a period ending before it starts is a field error. In Chinese at 1366 px and 390 px, and once in English.
// Screenshots of the form, the report and its print layout go to SCREENSHOT_DIR (default test-results/screens).
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test, type Download, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join("test-results", "screens");
mkdirSync(SHOTS, { recursive: true });

const yuan = (fen: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);

const L = {
  "zh-CN": {
    nav: "报表", drill: "逐级查看", kind: "报表类型", period: "任意月份段", from: "起始月份", to: "截止月份", year: "年度", show: "生成",
    xlsx: "下载 Excel", csv: "下载 CSV", title: "2019-07 至 2020-06", file: "报表", summary: "主要指标", periodRow: "统计期", monthly: "月度电商收入", total: "合计",
  },
  en: {
    nav: "Reports", drill: "Drill down", kind: "Report", period: "Months from … to …", from: "From month", to: "To month", year: "Year", show: "Show",
    xlsx: "Download Excel", csv: "Download CSV", title: "2019-07 to 2020-06", file: "report", summary: "Headline figures", periodRow: "Period", monthly: "Monthly e-commerce income", total: "Total",
  },
} as const;

async function workbookOf(download: Download) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  return book;
}

/** Screenshots a person would look at: the top of the page, the monthly table's total, the scorecard's end. */
async function shots(page: Page, prefix: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${prefix}-top.png`) });
  await page.getByTestId("monthly-total-amount").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, `${prefix}-monthly.png`) });
  await page.getByTestId("scorecard-total-sales").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, `${prefix}-scorecard.png`) });
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function choosePeriod(page: Page, l: (typeof L)[keyof typeof L], from: string, to: string) {
  const form = page.getByTestId("report-form");
  await form.getByLabel(l.kind).selectOption({ label: l.period });
  // Only the chosen kind's fields: the annual year is gone, the two months are there.
  await expect(form.getByLabel(l.year, { exact: true })).toHaveCount(0);
  await form.getByLabel(l.from).fill(from);
  await form.getByLabel(l.to).fill(to);
}

async function reportJourney(page: Page, locale: keyof typeof L, shotPrefix: string) {
  const l = L[locale];
  // Drill down from the dashboard, by clicking.
  await page.getByRole("link", { name: l.drill }).first().click();
  await expect(page).toHaveURL(/\/progress/);
  const townships = page.locator("[data-testid=area-rows] tbody tr");
  await expect(townships.first()).toBeVisible();
  await townships.first().getByRole("link").first().click();
  await expect(page).toHaveURL(/level=village/);

  // The reports, from the sidebar.
  await page.locator("aside nav").getByRole("link", { name: l.nav, exact: true }).click();
  await expect(page).toHaveURL(/\/reports/);
  await expect(page.getByTestId("report")).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, `${shotPrefix}-opened.png`), fullPage: false });

  await choosePeriod(page, l, "2019-07", "2020-06");
  await page.getByTestId("report-form").getByRole("button", { name: l.show }).click();
  await expect(page).toHaveURL(/from=2019-07&to=2020-06/);
  // Every control shows the report on screen.
  const form = page.getByTestId("report-form");
  await expect(form.getByLabel(l.kind)).toHaveValue("period");
  await expect(form.getByLabel(l.from)).toHaveValue("2019-07");
  await expect(form.getByLabel(l.to)).toHaveValue("2020-06");
  await expect(page.locator("[data-testid=report] h1")).toContainText(l.title);

  // The figures are the API's for the same period.
  const api = await page.request.get("/api/v1/reports?kind=period&from=2019-07&to=2020-06");
  expect(api.status()).toBe(200);
  const r = await api.json();
  expect(r.period).toMatchObject({ from: "2019-07-01", to: "2020-06-30", months: 12 });
  const monthlyRows = page.locator("[data-testid=report] section[aria-labelledby=r-monthly] tbody tr");
  await expect(monthlyRows).toHaveCount(12);
  await expect(monthlyRows.first().locator("td").first()).toHaveText("2019-07");
  await expect(monthlyRows.last().locator("td").first()).toHaveText("2020-06");
  await expect(page.getByTestId("monthly-total-amount")).toHaveAttribute("data-value", String(r.totals.monthly.totalFen));
  await expect(page.getByTestId("monthly-total-amount")).toHaveText(yuan(r.totals.monthly.totalFen, locale));
  await expect(page.getByTestId("scorecard-total-sales")).toHaveText(yuan(r.totals.scorecard.salesFen, locale));
  await expect(page.getByTestId("channels-total-amount")).toHaveText(yuan(r.totals.channels.amountFen, locale));
  // The total is the sum of the twelve months shown.
  expect(r.monthly.reduce((s: number, m: { totalFen: number }) => s + m.totalFen, 0)).toBe(r.totals.monthly.totalFen);
  expect(r.totals.monthly.totalFen).toBeGreaterThan(0);
  await expect(page.locator("[data-testid=report] dl")).toContainText(new Intl.NumberFormat(locale).format(r.overview.beneficiaries.households));

  // The printed pages: page numbers and the county-time generation stamp in every page's bottom margin (the @page
  // margin boxes as Chromium parsed them), the stamp the same as the report's header line.
  const stamp = (await page.locator("[data-testid=report] header p").textContent())!.match(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)![0];
  const pageCss = await page.evaluate(() =>
    [...document.styleSheets].flatMap((sheet) => { try { return [...sheet.cssRules]; } catch { return []; } })
      .filter((rule) => rule instanceof CSSPageRule).map((rule) => rule.cssText).join("\n"));
  expect(pageCss).toMatch(/@bottom-right\s*\{[^}]*counter\(page\)[^}]*counter\(pages\)/);
  expect(pageCss).toMatch(new RegExp(`@bottom-left\\s*\\{[^}]*${stamp}`));
  await shots(page, `${shotPrefix}-period`);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("report-form")).toBeHidden();
  await shots(page, `${shotPrefix}-print`);
  await page.emulateMedia({ media: "screen" });

  // Download that period's report with the visible button, and open it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: l.xlsx }).click()]);
  expect(download.suggestedFilename()).toBe(`${l.file}-2019-07_2020-06.xlsx`);
  await expect(page.getByTestId("download-status")).toHaveAttribute("data-status", "done");
  const book = await workbookOf(download);
  const summary = new Map<string, unknown>();
  book.getWorksheet(l.summary)!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
  expect(summary.get(l.periodRow)).toBe("2019-07-01 — 2020-06-30");
  const monthly = book.getWorksheet(l.monthly)!;
  expect(monthly.rowCount).toBe(1 + 12 + 1);
  const total = monthly.getRow(monthly.rowCount);
  expect(total.getCell(1).value).toBe(l.total);
  expect(total.getCell(4).value).toBe(Math.round(r.totals.monthly.totalFen) / 100);
  expect(monthly.getRow(2).getCell(1).value).toBe("2019-07");

  // The buttons download what is selected, not what is on screen: change the first month, do not submit.
  await form.getByLabel(l.from).fill("2019-08");
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: l.csv }).click()]);
  expect(csv.suggestedFilename()).toBe(`${l.file}-2019-08_2020-06.csv`);
  const text = await readFile((await csv.path())!, "utf8");
  expect(text).toContain("2019-08-01 — 2020-06-30");
  await expect(page).toHaveURL(/from=2019-07&to=2020-06/); // the page itself did not change
}

test.describe("reports, zh-CN", () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test("a viewer chooses July 2019 – June 2020 with the form, reads the figures, drills down and downloads that period", async ({ page }) => {
    await signIn(page, "viewer@rongshui.example");
    await reportJourney(page, "zh-CN", "reports-zh-1366");
  });

  test("a period ending before it starts is a field error, not a report; an empty scope is the county", async ({ page }) => {
    await signIn(page, "viewer@rongshui.example");
    await page.locator("aside nav").getByRole("link", { name: "报表", exact: true }).click();
    const form = page.getByTestId("report-form");
    await expect(form.getByLabel("范围")).toHaveValue("");
    await choosePeriod(page, L["zh-CN"], "2020-06", "2019-07");
    await form.getByRole("button", { name: "生成" }).click();
    await expect(page).toHaveURL(/from=2020-06&to=2019-07/);
    await expect(page.locator("#r-to-error")).toBeVisible();
    await expect(page.locator("#r-to-error")).not.toHaveText("");
    await expect(page.getByTestId("report")).toHaveCount(0);
    // The form shows what was submitted, so it can be corrected.
    await expect(form.getByLabel("起始月份")).toHaveValue("2020-06");
    await expect(page.locator("body")).not.toContainText("必填");
    await page.screenshot({ path: path.join(SHOTS, "reports-zh-1366-error.png") });
    // Its download is refused with the server's message, in words, not JSON.
    await page.getByRole("button", { name: "下载 Excel" }).click();
    await expect(page.getByTestId("download-status")).toHaveAttribute("data-status", "error");
    await expect(page.getByTestId("download-status")).not.toContainText("{");
  });

  test("on a phone (390 px): the same journey, nothing pushed sideways", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, "viewer@rongshui.example");
    // The sidebar is behind the menu on a phone.
    await page.locator("header summary").click();
    await page.locator("header nav").getByRole("link", { name: "报表", exact: true }).click();
    await expect(page.getByTestId("report")).toBeVisible();
    await choosePeriod(page, L["zh-CN"], "2019-07", "2020-06");
    await page.getByTestId("report-form").getByRole("button", { name: "生成" }).click();
    await expect(page).toHaveURL(/from=2019-07&to=2020-06/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    // Nor does any table of the report need sideways scrolling: a phone shows the key columns only.
    const tables = await page.locator("[data-testid=report] .overflow-x-auto").evaluateAll((els) => els.map((e) => ({ scroll: e.scrollWidth, client: e.clientWidth })));
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const t of tables) expect(t.scroll).toBeLessThanOrEqual(t.client + 1);
    // The scorecard: each station a card, its code and name on the title line (not wrapped over 3-4 lines in a
    // narrow column), the sales and the income under it; the monthly table stays a table.
    const scorecard = page.getByTestId("scorecard");
    await expect(scorecard.locator("thead")).toBeHidden();
    const card = page.getByTestId("scorecard-row").first();
    const title = card.locator("th");
    await expect(title).toContainText(/^RS-\S+ \S+/);
    const figures = card.locator("td:visible");
    await expect(figures).toHaveCount(2);
    await expect(figures.nth(0)).toHaveAttribute("data-label", "销售额（元）");
    await expect(figures.nth(1)).toHaveAttribute("data-label", "经本站增收（元）");
    const [titleBox, salesBox, incomeBox, cardBox] = await Promise.all([title, figures.nth(0), figures.nth(1), card].map(async (l) => (await l.boundingBox())!));
    const lineHeight = await title.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
    expect(titleBox.height).toBeLessThan(lineHeight * 1.5); // one line
    expect(titleBox.width).toBeGreaterThan(cardBox.width * 0.8); // across the card
    expect(salesBox.y).toBeGreaterThanOrEqual(titleBox.y + titleBox.height - 1);
    expect(Math.abs(salesBox.y - incomeBox.y)).toBeLessThan(2); // side by side
    // No station's name takes more than two lines (a badge for a suspended one may wrap).
    const heights = await page.getByTestId("scorecard-row").locator("th").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)));
    expect(heights.length).toBeGreaterThan(10);
    expect(Math.max(...heights)).toBeLessThan(2.5);
    const monthly = page.getByRole("region", { name: "月度电商收入" }).getByRole("table");
    expect(await monthly.evaluate((t) => getComputedStyle(t.querySelector("tbody td")!).display)).toBe("table-cell");
    await shots(page, "reports-zh-390-period");
    await page.emulateMedia({ media: "print" });
    await shots(page, "reports-zh-390-print");
  });
});

test.describe("reports, en", () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  // The language is the user's saved setting: put the viewer back to Chinese for the other journeys.
  test.afterEach(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page, "viewer@rongshui.example");
    const zh = page.getByRole("group", { name: /^(Language|语言)$/ }).first().getByRole("button", { name: "中文" });
    if ((await zh.getAttribute("aria-pressed")) !== "true") {
      await zh.click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("脱贫攻坚进展总览");
    }
    await page.close();
  });

  test("the same journey in English: English labels, units and file", async ({ page }) => {
    await signIn(page, "viewer@rongshui.example");
    await page.getByRole("group", { name: "语言" }).first().getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Poverty-exit progress");
    await reportJourney(page, "en", "reports-en-1366");
    await expect(page.locator("[data-testid=report]")).not.toContainText("斤");
    await page.setViewportSize({ width: 390, height: 844 });
    await shots(page, "reports-en-390-period");
  });
});
