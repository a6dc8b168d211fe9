import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** The raw value behind a headline figure on the dashboard (data-figure / data-value). */
async function figure(page: Page, id: string): Promise<number | null> {
  const value = await page.locator(`[data-figure="${id}"]`).first().getAttribute("data-value");
  return value === null || value === "" ? null : Number(value);
}

test("a viewer reads the headline figures (the same as the API), drills down to a village and downloads the annual report", async ({ page }) => {
  await signIn(page, "viewer@rongshui.example");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("脱贫攻坚进展总览");

  // The article's period: the page and GET /api/v1/overview show the same numbers.
  await page.getByRole("link", { name: "2019 年 7 月—2020 年 6 月" }).click();
  await expect(page).toHaveURL(/from=2019-07&to=2020-06&year=2020/);
  const api = await page.request.get("/api/v1/overview?from=2019-07-01&to=2020-06-30&year=2020");
  expect(api.status()).toBe(200);
  const o = await api.json();
  expect(await figure(page, "stations-total")).toBe(o.stations.total);
  expect(await figure(page, "stations-active")).toBe(o.stations.active);
  expect(await figure(page, "coverage")).toBeCloseTo(o.coverage.percent, 10);
  expect(await figure(page, "beneficiary-households")).toBe(o.beneficiaries.households);
  expect(await figure(page, "beneficiary-residents")).toBe(o.beneficiaries.residents);
  expect(await figure(page, "average-gain")).toBe(o.beneficiaries.averageGainFen);
  expect(await figure(page, "incidence")).toBeCloseTo(o.incidence.percent, 10);
  expect(await figure(page, "exited-households")).toBe(o.households.exited.households);
  expect(await figure(page, "poor-households")).toBe(o.households.poor.households);
  expect(await figure(page, "monitored-households")).toBe(o.households.monitored.households);
  // …and they tell the article's story.
  expect(o.stations.total).toBe(120);
  expect(o.coverage.percent).toBeGreaterThanOrEqual(60);
  expect(o.beneficiaries.residents).toBeGreaterThanOrEqual(8100);
  expect(o.beneficiaries.averageGainFen).toBeGreaterThan(100_000);
  expect(o.incidence.percent).toBeLessThan(3);
  await expect(page.locator('[data-figure="incidence"]')).toContainText("%");
  await expect(page.getByText("达到退出标准").first()).toBeVisible();

  // Drill down: county → township → village → its households.
  await page.locator("main").getByRole("link", { name: "逐级查看" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("逐级查看脱贫进展");
  const townships = page.locator("[data-testid=area-rows] tbody tr");
  await expect(townships).toHaveCount(20);
  await townships.first().getByRole("link").click();
  await expect(page).toHaveURL(/level=village/);
  const villages = page.locator("[data-testid=area-rows] tbody tr");
  expect(await villages.count()).toBeGreaterThan(5);
  const villageName = (await villages.first().getByRole("link").textContent())!.trim();
  await villages.first().getByRole("link").click();
  await expect(page).toHaveURL(/level=household/);
  await expect(page.getByRole("navigation", { name: "当前位置" })).toContainText(villageName);
  const households = page.locator("[data-testid=household-rows] tbody tr");
  expect(await households.count()).toBeGreaterThan(10);
  // A viewer reads the list but has no household pages to open.
  await expect(households.first().getByRole("link")).toHaveCount(0);

  // The annual report, printable, and as XLSX.
  await page.locator("aside nav").getByRole("link", { name: "报表" }).click();
  // The form opens on the latest year with data (other journeys record today's income): choose 2020 with it.
  const form = page.getByTestId("report-form");
  await form.getByLabel("报表类型").selectOption({ label: "年报" });
  await form.getByLabel("年度", { exact: true }).selectOption("2020");
  await form.getByRole("button", { name: "生成" }).click();
  await expect(page.locator("[data-testid=report] h1")).toContainText("2020 年度脱贫攻坚进展报告");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-xlsx").click()]);
  expect(download.suggestedFilename()).toBe("年报-2020.xlsx");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  expect(book.worksheets.map((s) => s.name)).toContain("服务站成绩单");
  const summary = new Map<string, unknown>();
  book.getWorksheet("主要指标")!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
  const year = await (await page.request.get("/api/v1/overview?from=2020-01-01&to=2020-12-31&year=2020")).json();
  expect(summary.get("电商受益贫困户（户）")).toBe(year.beneficiaries.households);
  expect(summary.get("受益贫困人口（人）")).toBe(year.beneficiaries.residents);
  // The header, the 120 stations, and the total row.
  expect(book.getWorksheet("服务站成绩单")!.rowCount).toBe(1 + 120 + 1);
});

test("an operator sees their station beside the county, and only their station's households", async ({ page }) => {
  await signIn(page, "op-rs-v001@rongshui.example");
  await expect(page.locator("section[aria-labelledby=station-figures][data-station=RS-V001]")).toBeVisible();
  const mine = await figure(page, "station-beneficiary-households");
  const county = await figure(page, "beneficiary-households");
  expect(mine).not.toBeNull();
  expect(mine!).toBeLessThan(county!);
  const me = await (await page.request.get("/api/v1/me")).json();
  const o = await (await page.request.get("/api/v1/overview")).json();
  expect(o.station).toMatchObject({ code: me.station.code, beneficiaries: { households: mine } });
  expect((await page.request.get("/api/v1/overview?station=RS-V002")).status()).toBe(403);
  // The station's village: its households are all the station's; a village it does not serve is refused.
  const towns = await (await page.request.get("/api/v1/progress?year=2020&level=township")).json();
  let refused = 0;
  for (const t of towns.rows.slice(0, 3)) {
    const villages = await (await page.request.get(`/api/v1/progress?year=2020&level=village&parent=${t.code}`)).json();
    for (const v of villages.rows) {
      const r = await page.request.get(`/api/v1/progress?year=2020&level=household&parent=${v.code}`);
      if (r.status() === 403) refused++;
      else {
        expect(r.status()).toBe(200);
        const body = await r.json();
        expect(body.scopedToStation).toBe(true);
        for (const h of body.households) expect(h.station?.code).toBe("RS-V001");
      }
    }
  }
  expect(refused).toBeGreaterThan(0);
});
