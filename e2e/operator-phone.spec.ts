import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// A station operator's day on a 390 px phone: record a sale through the form, then read the payout in the
// household's ledger and in the income ledger without scrolling sideways. Everything after the sign-in page is
// reached through the visible controls (the phone menu, buttons, links, the filter form). The sale is reversed at
// the end, so every total is left as it was found.

const OPERATOR = "op-rs-v001@rongshui.example";
const SALE_DATE = "2020-12-21";

const TEXT = {
  "zh-CN": {
    sales: "销售", income: "收入台账", newSale: "登记销售", search: "按户编号或户主姓名搜索", record: "登记", recorded: "销售已登记。",
    from: "起始日期", to: "截止日期", filter: "筛选", reverseOpen: "冲正此销售…", reverseSubmit: "确认冲正", reason: "端到端：手机登记后冲正",
  },
  en: {
    sales: "Sales", income: "Income", newSale: "Record a sale", search: "Search by household code or head's name", record: "Record", recorded: "Sale recorded.",
    from: "From", to: "To", filter: "Filter", reverseOpen: "Reverse this sale…", reverseSubmit: "Reverse the sale", reason: "e2e: recorded on a phone, reversed",
  },
} as const;

async function openMenu(page: Page) {
  const details = page.locator("header details");
  if ((await details.getAttribute("open")) === null) await page.locator("header summary").click();
  return page.locator("header nav");
}

/** Nothing on the page is wider than the screen, and each of the cells lies inside it. */
async function readableWithoutSidewaysScroll(page: Page, cells: Locator) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  const viewport = page.viewportSize()!;
  const count = await cells.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await cells.nth(i).scrollIntoViewIfNeeded();
    const box = (await cells.nth(i).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    await expect(cells.nth(i)).not.toHaveText(/…$/);
  }
}

for (const locale of ["zh-CN", "en"] as const) {
  test(`an operator on a 390 px phone (${locale}) records a sale and reads the payout in the ledgers without scrolling sideways`, async ({ page }) => {
    test.setTimeout(120_000);
    const tx = TEXT[locale];
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, OPERATOR);
    if (locale === "en") {
      await openMenu(page);
      await page.locator("header").getByRole("button", { name: "English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    }

    // Sales → record a sale, through the form.
    await (await openMenu(page)).getByRole("link", { name: tx.sales }).click();
    await expect(page).toHaveURL(/\/sales$/);
    await page.getByRole("link", { name: tx.newSale }).click();
    await expect(page.locator("#stationId")).toBeDisabled();
    await page.locator("#productId").selectOption({ index: 1 });
    await page.locator("#channel").selectOption("DOUYIN");
    await page.locator("#date").fill(SALE_DATE);
    await page.locator("#quantity").fill("3");
    await page.locator("#amount").fill("300");
    await page.getByPlaceholder(tx.search).click();
    const results = page.getByTestId("household-results").locator("button");
    await expect(results.first()).toBeVisible();
    await results.first().click();
    const picked = page.getByTestId("picked-household");
    await expect(picked).toHaveCount(1);
    await picked.locator("input[name=supplierPayout]").fill(locale === "en" ? "234.56" : "123.45");
    // The form itself fits the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.getByRole("button", { name: tx.record, exact: true }).click();
    await expect(page.getByText(tx.recorded)).toBeVisible();
    // Each language its own payout, so the other run's sale (and its reversal) on the same day is not counted.
    const payout = locale === "en" ? "¥234.56" : "¥123.45"; // the narrow yuan sign in both languages
    await expect(page.getByTestId("supplier-row")).toContainText(payout);
    await readableWithoutSidewaysScroll(page, page.getByTestId("ledger-row").locator("td:last-child"));

    // The supplier household's page: the ledger shows the payout, on the card, inside the screen.
    await page.getByTestId("supplier-row").getByRole("link").click();
    await expect(page).toHaveURL(/\/households\/\d+$/);
    const row = page.getByTestId("ledger-row").filter({ hasText: payout }).first();
    await expect(row).toBeVisible();
    await expect(row.getByTestId("ledger-amount")).toHaveText(payout);
    await readableWithoutSidewaysScroll(page, page.getByTestId("ledger-amount"));

    // The income ledger, narrowed to the sale's day with its filter form.
    await (await openMenu(page)).getByRole("link", { name: tx.income }).click();
    await expect(page).toHaveURL(/\/income$/);
    await readableWithoutSidewaysScroll(page, page.getByTestId("ledger-amount"));
    await page.getByLabel(tx.from, { exact: true }).fill(SALE_DATE);
    await page.getByLabel(tx.to, { exact: true }).fill(SALE_DATE);
    await page.getByRole("button", { name: tx.filter, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`from=${SALE_DATE}`));
    const mine = page.getByTestId("ledger-amount").filter({ hasText: new RegExp(`^${payout.replace(".", "\\.")}$`) });
    await expect(mine).toHaveCount(1);
    await readableWithoutSidewaysScroll(page, page.getByTestId("ledger-amount"));

    // Back to the sale (the income row names it), and reverse it so the totals stay as they were.
    await page.goBack();
    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(/\/sales\/\d+/);
    await page.getByRole("button", { name: tx.reverseOpen }).click();
    await page.locator("#reason").fill(tx.reason);
    await page.getByRole("button", { name: tx.reverseSubmit }).click();
    await expect(page.getByTestId("ledger-row")).toHaveCount(2);
    await readableWithoutSidewaysScroll(page, page.getByTestId("ledger-row").locator("td:last-child"));

    if (locale === "en") {
      // Leave the demo operator in Chinese, as seeded.
      await openMenu(page);
      await page.locator("header").getByRole("button", { name: "中文" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    }
  });
}

// The operator's own station on a phone: its yearly "income brought" is a narrow two-column table, and stays a
// table there (cards={false}); nothing on the page needs sideways scrolling.
for (const locale of ["zh-CN", "en"] as const) {
  test(`an operator on a 390 px phone (${locale}) reads the station's income by year as a table`, async ({ page }) => {
    const names = { "zh-CN": { stations: "服务站", income: "带动贫困户增收", year: "年份" }, en: { stations: "Stations", income: "Income brought to households", year: "Year" } }[locale];
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, OPERATOR);
    if (locale === "en") {
      await openMenu(page);
      await page.locator("header").getByRole("button", { name: "English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    }
    await (await openMenu(page)).getByRole("link", { name: names.stations, exact: true }).click();
    await page.getByTestId("station-row").first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/stations\/\d+$/);
    const table = page.getByRole("region", { name: names.income, exact: true }).getByRole("table");
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader", { name: names.year })).toBeVisible();
    const display = await table.evaluate((t) => ({
      table: getComputedStyle(t).display,
      row: getComputedStyle(t.querySelector("tbody tr")!).display,
      cells: [...t.querySelectorAll("tbody td")].map((c) => getComputedStyle(c).display),
    }));
    expect(display.table).toBe("table");
    expect(display.row).toBe("table-row");
    expect(new Set(display.cells)).toEqual(new Set(["table-cell"]));
    // Year and amount side by side on one line.
    const [year, amount] = await Promise.all([0, 1].map(async (i) => (await table.locator("tbody tr").first().locator("td").nth(i).boundingBox())!));
    expect(Math.abs(year.y - amount.y)).toBeLessThan(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const region = await page.getByRole("region", { name: names.income, exact: true }).evaluate((r) => ({ scroll: r.scrollWidth, client: r.clientWidth }));
    expect(region.scroll).toBeLessThanOrEqual(region.client);
    // The station's cards of figures fit the screen too (the yuan figure does not run out of its card).
    const income = page.getByTestId("station-income");
    const [figure, card] = await Promise.all([income.boundingBox(), income.locator("xpath=../..").boundingBox()]);
    expect(figure!.x + figure!.width).toBeLessThanOrEqual(card!.x + card!.width);

    if (locale === "en") {
      await openMenu(page);
      await page.locator("header").getByRole("button", { name: "中文" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    }
  });
}
