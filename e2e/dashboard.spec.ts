// The dashboard driven through its visible controls, as a county official would (issue #9): the period form, the
// station choice, the preset links, the charts (axes, tooltips on tap, save as image, the data tables beside them),
// at 1366 px and 390 px, in Chinese and once in English. Only the sign-in page is opened by URL.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** Where the chart's toolbox button "保存为图片" sits: 4 px in from the top right, 20 px square. */
const SAVE_BUTTON = (box: { width: number }) => ({ x: box.width - 14, y: 14 });
const CHARTS = ["monthly-income", "products", "incidence-trend", "exits", "townships"] as const;

async function figure(page: Page, id: string): Promise<number | null> {
  const value = await page.locator(`[data-figure="${id}"]`).first().getAttribute("data-value");
  return value === null || value === "" ? null : Number(value);
}

const yuan = (fen: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(fen / 100);

/** The period form's controls, found by their visible labels. */
function form(page: Page, l: { from: string; to: string; year: string; station: string; apply: string }) {
  const f = page.locator("form[method=get][aria-label]").first();
  return {
    from: f.getByLabel(l.from),
    to: f.getByLabel(l.to),
    // A label around a <select> names it with the label's text and the chosen option's ("年度 2020").
    year: f.getByLabel(new RegExp(`^${l.year}`)),
    station: f.getByLabel(new RegExp(`^${l.station}`)),
    apply: f.getByRole("button", { name: l.apply }),
  };
}

const ZH = { from: "起始月份", to: "截止月份", year: "年度", station: "服务站", apply: "查看" };
const EN = { from: "From (month)", to: "To (month)", year: "Year", station: "Station", apply: "Show" };

/** Waits until a chart has been drawn (ECharts loads after the page) and returns its drawing's box. */
async function drawn(page: Page, id: string): Promise<Locator> {
  const host = page.locator(`[data-chart-host="${id}"]`);
  await host.scrollIntoViewIfNeeded();
  await expect(host).toHaveAttribute("data-ready", "true");
  await expect(host.locator("svg").first()).toBeVisible();
  return host;
}

/** Every text ECharts drew lies inside the chart's box: no axis label, legend or value cut off at the edges. */
async function expectNothingClipped(host: Locator) {
  const outside = await host.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return [...el.querySelectorAll("svg text")]
      .map((t) => ({ text: t.textContent ?? "", r: t.getBoundingClientRect() }))
      .filter(({ text, r }) => text.trim() !== "" && r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
      .map(({ text }) => text);
  });
  expect(outside).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(inner);
}

/** Chooses July 2019 – June 2020 with the form, presses the button, and checks the page against the API. */
async function chooseArticlePeriod(page: Page, l: typeof ZH, locale: string) {
  const f = form(page, l);
  const before = await figure(page, "beneficiary-households");
  await f.from.fill("2019-07");
  await f.to.fill("2020-06");
  await f.year.selectOption("2020");
  await f.apply.click();
  await expect(page).toHaveURL(/from=2019-07&to=2020-06&year=2020/);
  await expect(page.locator("main").getByRole("alert")).toHaveCount(0);

  const api = await page.request.get("/api/v1/overview?from=2019-07-01&to=2020-06-30");
  expect(api.status()).toBe(200);
  const o = await api.json();
  expect(o.period).toMatchObject({ from: "2019-07-01", to: "2020-06-30" });
  // The headline figures are the period's, not the default period's.
  await expect(page.locator('[data-figure="beneficiary-households"]')).toHaveAttribute("data-value", String(o.beneficiaries.households));
  expect(o.beneficiaries.households).not.toBe(before);
  expect(await figure(page, "beneficiary-residents")).toBe(o.beneficiaries.residents);
  expect(await figure(page, "average-gain")).toBe(o.beneficiaries.averageGainFen);
  expect(await figure(page, "incidence")).toBeCloseTo(o.incidence.percent, 10);
  expect(await figure(page, "exited-households")).toBe(o.households.exited.households);

  // Every control shows that period.
  await expect(f.from).toHaveValue("2019-07");
  await expect(f.to).toHaveValue("2020-06");
  await expect(f.year).toHaveValue("2020");
  await expect(f.station).toHaveValue("");
  return { o, f };
}

/** Opens a chart's data table and returns its cells, row by row (body rows only). */
async function tableOf(page: Page, id: string, summary: string) {
  const details = page.locator(`[data-chart-table="${id}"]`);
  await details.locator("summary", { hasText: summary }).click();
  const table = details.getByRole("table");
  await expect(table).toBeVisible();
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? "").trim())));
  const foot = await table.locator("tfoot tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? "").trim())));
  return { table, rows, foot: foot[0] ?? [] };
}

test.describe("dashboard at 1366 px", () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test("a viewer chooses July 2019–June 2020 with the form, reads the charts and their tables, switches station and back to the county, and a preset link moves every control", async ({ page }) => {
    await signIn(page, "viewer@rongshui.example");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("脱贫攻坚进展总览");
    const { o, f } = await chooseArticlePeriod(page, ZH, "zh-CN");

    // The monthly income chart: drawn, with month labels, the yuan axis and a legend.
    const monthly = await drawn(page, "monthly-income");
    const svgText = (await monthly.locator("svg text").allTextContents()).join(" ");
    for (const label of ["7月", "2019", "元", "销售分成", "服务站务工"]) expect(svgText).toContain(label);
    // Month labels along the axis (where two would touch, ECharts leaves one out).
    expect((await monthly.locator("svg text").allTextContents()).filter((x) => /^\d{1,2}月$/.test(x)).length).toBeGreaterThanOrEqual(6);
    // A tap shows the month's values (the same tooltip as a hover).
    const box = (await monthly.boundingBox())!;
    await monthly.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect(monthly).toContainText("合计");
    await expect(monthly).toContainText("¥");

    // The table beside it holds the same numbers: 12 months, their total is the period's e-commerce income.
    const t = await tableOf(page, "monthly-income", "数据表");
    expect(t.rows).toHaveLength(12);
    expect(t.rows[0][0]).toBe("2019年7月");
    expect(t.rows[11][0]).toBe("2020年6月");
    expect(t.foot.at(-1)).toBe(yuan(o.beneficiaries.incomeFen, "zh-CN"));

    // Incidence: the trend's last year and each township's figure are the API's.
    const trend = await drawn(page, "incidence-trend");
    expect((await trend.locator("svg text").allTextContents()).join(" ")).toContain("退出标准 3%");
    const tr = await tableOf(page, "incidence-trend", "数据表");
    expect(tr.rows.at(-1)![0]).toBe("2020");
    const trendValue = await page.locator('[data-chart-table="incidence-trend"] tbody tr:last-child [data-value]').getAttribute("data-value");
    expect(Number(trendValue)).toBeCloseTo(o.incidence.percent, 10);
    const towns = await (await page.request.get("/api/v1/progress?year=2020&level=township")).json();
    const tw = await tableOf(page, "townships", "数据表");
    expect(tw.rows).toHaveLength(towns.rows.length);
    const values = await page.locator('[data-chart-table="townships"] tbody [data-value]').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))));
    towns.rows.forEach((r: { incidencePct: number }, i: number) => expect(values[i]).toBeCloseTo(r.incidencePct, 10));
    await drawn(page, "townships");

    // Nothing cut off in any chart.
    for (const id of CHARTS) await expectNothingClipped(await drawn(page, id));

    // Save as image: the toolbox button at the chart's top right downloads a PNG named after the chart.
    await monthly.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent("download"), monthly.click({ position: SAVE_BUTTON(box) })]);
    expect(download.suggestedFilename()).toBe("月度电商收入.png");
    const png = await download.createReadStream().then(async (s) => { const parts: Buffer[] = []; for await (const c of s) parts.push(c as Buffer); return Buffer.concat(parts); });
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.length).toBeGreaterThan(5_000);

    // A station, then 全县 again: the county comes back, the period stays, no error.
    await f.station.selectOption("RS-T01");
    await f.apply.click();
    await expect(page.locator("[data-station=RS-T01]")).toBeVisible();
    await expect(f.station).toHaveValue("RS-T01");
    await expect(f.from).toHaveValue("2019-07");
    await drawn(page, "station-income");
    await f.station.selectOption("");
    await f.apply.click();
    await expect(page).toHaveURL(/station=(&|$)/);
    await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
    await expect(page.locator("[data-station]")).toHaveCount(0);
    await expect(f.station).toHaveValue("");
    await expect(f.from).toHaveValue("2019-07");
    await expect(f.to).toHaveValue("2020-06");
    expect(await figure(page, "beneficiary-households")).toBe(o.beneficiaries.households);

    // Another year in the form, then a preset link: every control follows the page (the year select included).
    await f.year.selectOption("2018");
    await f.apply.click();
    await expect(page).toHaveURL(/year=2018/);
    await expect(f.year).toHaveValue("2018");
    await page.getByRole("link", { name: "最近 12 个月" }).click();
    await expect(page).not.toHaveURL(/year=/);
    const latest = await (await page.request.get("/api/v1/overview")).json();
    await expect(f.year).toHaveValue(String(latest.year));
    await expect(f.from).toHaveValue(latest.period.from.slice(0, 7));
    await expect(f.to).toHaveValue(latest.period.to.slice(0, 7));
    await expect(page.locator('[data-figure="beneficiary-households"]')).toHaveAttribute("data-value", String(latest.beneficiaries.households));
    await page.getByRole("link", { name: "2019 年 7 月—2020 年 6 月" }).click();
    await expect(f.from).toHaveValue("2019-07");
    await expect(f.year).toHaveValue("2020");
  });

  test("charts draw under the planned Content-Security-Policy (no eval)", async ({ page }) => {
    // The CSP that next.config.js will send (script-src without 'unsafe-eval'), added here to every HTML answer.
    const CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'";
    await page.route("**/*", async (route) => {
      if (route.request().resourceType() !== "document") return route.continue();
      const res = await route.fetch();
      // As a header and as the first element of <head> (a <meta> policy binds everything after it: all of Next's scripts).
      const html = (await res.text()).replace("<head>", `<head><meta http-equiv="Content-Security-Policy" content="${CSP}">`);
      await route.fulfill({ response: res, body: html, headers: { ...res.headers(), "content-security-policy": CSP } });
    });
    const violations: string[] = [];
    page.on("console", (m) => { if (/Content Security Policy|unsafe-eval|EvalError/i.test(m.text())) violations.push(m.text()); });
    page.on("pageerror", (e) => violations.push(e.message));
    await signIn(page, "viewer@rongshui.example");
    await page.evaluate(() => document.addEventListener("securitypolicyviolation", (e) => console.log(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`)));
    // The policy is in force: the page's own scripts may not eval (checked from an inline script: the test
    // driver's evaluate is exempt from the page's CSP).
    await page.evaluate(() => {
      const s = document.createElement("script");
      // Later, outside the driver's call (an eval during it would be allowed).
      s.textContent = 'setTimeout(() => { try { new Function("return 1")(); document.body.dataset.evalCheck = "allowed"; } catch { document.body.dataset.evalCheck = "blocked"; } }, 50);';
      document.head.appendChild(s);
    });
    await expect(page.locator("body")).toHaveAttribute("data-eval-check", "blocked");
    violations.length = 0; // that refusal was ours
    await page.getByRole("link", { name: "2019 年 7 月—2020 年 6 月" }).click();
    for (const id of CHARTS) await drawn(page, id);
    const monthly = await drawn(page, "monthly-income");
    const box = (await monthly.boundingBox())!;
    const [download] = await Promise.all([page.waitForEvent("download"), monthly.click({ position: SAVE_BUTTON(box) })]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    expect(violations).toEqual([]);
  });
});

test.describe("dashboard at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("on a phone: the same period through the form, figures and charts readable without sideways scrolling", async ({ page }) => {
    await signIn(page, "viewer@rongshui.example");
    await chooseArticlePeriod(page, ZH, "zh-CN");
    await expectNoSidewaysScroll(page);
    for (const id of CHARTS) await expectNothingClipped(await drawn(page, id));
    // A tap on the monthly chart shows its values.
    const monthly = await drawn(page, "monthly-income");
    const box = (await monthly.boundingBox())!;
    await monthly.tap({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect(monthly).toContainText("合计");
    // The data tables open without pushing the page sideways.
    await tableOf(page, "monthly-income", "数据表");
    await tableOf(page, "townships", "数据表");
    await expectNoSidewaysScroll(page);
    // 全县 then 查看 keeps the county and the period.
    const f = form(page, ZH);
    await f.station.selectOption("");
    await f.apply.click();
    await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
    await expect(f.from).toHaveValue("2019-07");
  });
});

test.describe("dashboard in English", () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  // The language is the user's saved setting: put the viewer back to Chinese for the other journeys, even when the
  // test failed half-way.
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

  test("English labels, pinyin place names, the same figures", async ({ page }) => {
    await signIn(page, "viewer@rongshui.example");
    await page.getByRole("group", { name: "语言" }).first().getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Poverty-exit progress");
    const { o } = await chooseArticlePeriod(page, EN, "en");
    const monthly = await drawn(page, "monthly-income");
    const text = (await monthly.locator("svg text").allTextContents()).join(" ");
    for (const label of ["Jul", "2019", "yuan", "Sale payouts", "Station wages"]) expect(text).toContain(label);
    const towns = await drawn(page, "townships");
    expect((await towns.locator("svg text").allTextContents()).join(" ")).toContain("Rongshui Zhen");
    for (const id of CHARTS) await expectNothingClipped(await drawn(page, id));
    const t = await tableOf(page, "monthly-income", "Data table");
    expect(t.rows[0][0]).toBe("July 2019");
    expect(t.foot.at(-1)).toBe(yuan(o.beneficiaries.incomeFen, "en"));
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page);
    for (const id of CHARTS) await expectNothingClipped(await drawn(page, id));
  });
});
