import { expect, test, type Page } from "@playwright/test";
import { screenshots, signIn } from "./helpers";

// An operator's home: their own station's day above the county figures. The operator records an entry for a
// household to follow up, through the links on the home page, and finds it under today's entries.
const OPERATOR = "op-rs-v001@rongshui.example";
const L = {
  "zh-CN": { home: "总览", record: "录入收入", county: "全县主要指标", entries: /笔/ },
  en: { home: "Dashboard", record: "Record income", county: "County headline figures", entries: /entr/ },
} as const;

async function language(page: Page, to: "中文" | "English") {
  const button = page.locator("aside").getByRole("group", { name: /^(Language|语言)$/ }).getByRole("button", { name: to });
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
}

test.use({ viewport: { width: 1366, height: 900 } });

test.afterEach(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, OPERATOR);
  await language(page, "中文");
  await page.close();
});

for (const locale of ["zh-CN", "en"] as const) {
  test(`an operator's home shows their station's day first (${locale})`, async ({ page }) => {
    await signIn(page, OPERATOR);
    await language(page, locale === "en" ? "English" : "中文");
    const day = page.getByTestId("station-day");
    await expect(day).toHaveAttribute("data-station", "RS-V001");
    const county = page.getByRole("heading", { name: L[locale].county });
    await expect(county).toBeVisible();
    expect((await day.boundingBox())!.y).toBeLessThan((await county.boundingBox())!.y);

    // Follow a household to follow up: it is the operator's own (its page opens), record an entry, come home.
    const todayCount = Number(await page.locator("[data-figure=today-income-count]").getAttribute("data-value"));
    const followUp = page.getByTestId("follow-up").locator("li a").first();
    await expect(followUp).toBeVisible();
    const name = (await followUp.textContent())!;
    await followUp.click();
    await expect(page).toHaveURL(/\/households\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await page.getByRole("link", { name: L[locale].record }).click();
    await page.locator("#amount").fill("88.8");
    await page.locator("#amount").press("Enter");
    await expect(page.getByTestId("recent-entries").locator("li")).toHaveCount(1);
    await page.locator("aside nav").getByRole("link", { name: L[locale].home, exact: true }).click();
    await expect(page.locator("[data-figure=today-income-count]")).toHaveAttribute("data-value", String(todayCount + 1));
    await expect(page.getByTestId("today-income")).toContainText(name);
    await expect(page.getByTestId("today-income")).toContainText("¥88.80");
    await screenshots(page, `operator-home-${locale}`);
  });
}
