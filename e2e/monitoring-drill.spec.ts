// A county official follows the consolidation figures down: county → township → village, the summary and its
// year-by-year chart following each choice, then a station's page shows its monitored households. Everything
// through the visible controls (the sidebar, the area links, the data-table disclosure), on the seeded demo.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const figure = async (text: Promise<string>) => Number((await text).replace(/[^\d]/g, ""));

test("the consolidation summary drills down from the county to a village, and a station shows its monitored households", async ({ page }) => {
  await signIn(page, "viewer@rongshui.example");
  await page.locator("aside nav").getByRole("link", { name: "防返贫监测" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "防止返贫动态监测" })).toBeVisible();
  const summaryTitle = page.locator("#summary-title");
  await expect(summaryTitle).not.toContainText("乡");
  const countyWarned = await figure(page.getByTestId("stat-warned").innerText());
  expect(countyWarned).toBeGreaterThan(0);

  // The year-by-year chart has its figures as a table behind a disclosure; this year's row repeats the cards.
  const trend = page.locator('[data-chart-table="monitoring-trend"]');
  await trend.locator("summary").click();
  const year = (await summaryTitle.innerText()).match(/\d{4}/)![0];
  const trendRow = trend.locator("tbody tr").filter({ hasText: year });
  await expect(trendRow).toHaveCount(1);

  // The first township with warnings: its name becomes the summary's, and its warned households are its row's.
  const areas = page.getByTestId("warning-areas");
  const first = areas.locator("tbody tr").first();
  const township = (await first.getByRole("link").innerText()).trim();
  const rowWarned = await figure(first.locator("td").nth(0).innerText());
  await first.getByRole("link").click();
  await expect(summaryTitle).toContainText(township);
  expect(await figure(page.getByTestId("stat-warned").innerText())).toBe(rowWarned);
  expect(rowWarned).toBeLessThanOrEqual(countyWarned);

  // A village of that township.
  const village = areas.locator("tbody tr").first();
  const villageName = (await village.getByRole("link").innerText()).trim();
  await village.getByRole("link").click();
  await expect(summaryTitle).toContainText(villageName);
  await expect(page.getByTestId("warning-households").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "返回上一级" })).toBeVisible();
});

test("a station's page shows its monitored households and what its sales paid them", async ({ page }) => {
  await signIn(page, "op-rs-t01@rongshui.example");
  await page.locator("aside nav").getByRole("link", { name: "服务站" }).click();
  await page.getByRole("link", { name: /RS-T01/ }).first().click();
  const section = page.getByTestId("station-monitoring");
  await expect(section).toBeVisible();
  await expect(section.getByRole("heading", { name: /防止返贫动态监测 · \d{4}/ })).toBeVisible();
  expect(await figure(section.getByTestId("station-monitored").innerText())).toBeGreaterThanOrEqual(0);
  await section.getByRole("link", { name: "查看本站监测户" }).click();
  await expect(page).toHaveURL(/\/monitoring\?/);
  await expect(page.getByRole("heading", { level: 1, name: "防止返贫动态监测" })).toBeVisible();
});
