import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Journeys of issue 4 (stations and coverage). They leave the seeded coverage as they found it: the station created
// here is closed at the end, and every code is unique per run, so other spec files never see a difference.

const OPERATOR = "op-rs-v001@rongshui.example";

async function coverageNumbers(page: Page) {
  await page.goto("/stations");
  const hint = (await page.getByTestId("coverage-percent").locator("xpath=../following-sibling::div").textContent())!;
  const [covered, total] = hint.match(/\d+/g)!.map(Number);
  return { covered, total, uncovered: Number(await page.getByTestId("uncovered-count").textContent()), percent: (await page.getByTestId("coverage-percent").textContent())! };
}

test("staff creates a station covering two uncovered poor villages and sees coverage rise; suspend and reopen move it at once", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  const before = await coverageNumbers(page);
  expect(before.total).toBeGreaterThan(0);

  await page.getByRole("link", { name: "新建服务站" }).click();
  await expect(page).toHaveURL(/\/stations\/new$/);
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await page.locator("#code").fill(code);
  await page.locator("#name").fill("端到端测试服务站");
  await page.locator("#level").selectOption("TOWNSHIP");
  // A township with at least two poor villages that no active station covers (tagged 未覆盖 in the form).
  const uncoveredLabels = page.getByTestId("village-checkboxes").locator("label", { hasText: "未覆盖" });
  const townships = await page.locator("#townshipId option").evaluateAll((opts) => opts.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  let picked: string[] = [];
  for (const id of townships) {
    await page.locator("#townshipId").selectOption(id);
    if ((await uncoveredLabels.count()) >= 2) {
      picked = [(await uncoveredLabels.nth(0).innerText()).split(" ")[0], (await uncoveredLabels.nth(1).innerText()).split(" ")[0]];
      await uncoveredLabels.nth(0).locator("input").check();
      await uncoveredLabels.nth(1).locator("input").check();
      break;
    }
  }
  expect(picked).toHaveLength(2);
  await page.locator("#operatorName").fill("测试站长");
  await page.locator("#phone").fill("0772-5100000");
  await page.getByRole("button", { name: "保存" }).click();

  await expect(page).toHaveURL(/\/stations\/\d+\?created=1$/);
  await expect(page.getByText("服务站已创建。")).toBeVisible();
  const stationUrl = page.url().replace(/\?.*$/, "");
  for (const name of picked) await expect(page.getByTestId("covered-villages")).toContainText(name.replace(" ★", ""));

  const after = await coverageNumbers(page);
  expect(after.covered).toBe(before.covered + 2);
  expect(after.uncovered).toBe(before.uncovered - 2);
  expect(after.percent).not.toBe(before.percent);
  await page.goto("/stations/coverage");
  for (const name of picked) await expect(page.getByTestId("uncovered-village").filter({ hasText: name.replace(" ★", "") })).toHaveCount(0);

  // Suspending needs a reason; with one, coverage drops back at once, and reopening restores it.
  await page.goto(stationUrl);
  await page.getByRole("button", { name: "暂停运营" }).click();
  await expect(page.locator("#statusReason-error")).toContainText("必须填写原因");
  await page.locator("#statusReason").fill("站长培训期间暂停");
  await page.getByRole("button", { name: "暂停运营" }).click();
  await expect(page.getByText("运营状态已更新。")).toBeVisible();
  await expect(page.getByRole("button", { name: "恢复运营" })).toBeVisible();
  expect(await coverageNumbers(page)).toMatchObject({ covered: before.covered, uncovered: before.uncovered });

  await page.goto(stationUrl);
  await page.getByRole("button", { name: "恢复运营" }).click();
  await expect(page.getByRole("button", { name: "暂停运营" })).toBeVisible();
  expect(await coverageNumbers(page)).toMatchObject({ covered: before.covered + 2 });

  // Leave the seeded coverage as it was: close the test station (audited, with a reason).
  await page.goto(stationUrl);
  await page.locator("#statusReason").fill("端到端测试结束");
  await page.getByRole("button", { name: "关闭服务站" }).click();
  await expect(page.getByRole("button", { name: "恢复运营" })).toBeVisible();
  expect(await coverageNumbers(page)).toMatchObject({ covered: before.covered, uncovered: before.uncovered });
});

test("the network tiles filter the list by township; the list filters by status and service", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  await page.goto("/stations");
  const tiles = page.getByTestId("network-tiles").locator("a");
  await expect(tiles).toHaveCount(20);
  const tile = tiles.nth(2);
  const township = (await tile.locator("span").first().textContent())!;
  await tile.click();
  await expect(page).toHaveURL(/townshipId=\d+/);
  const rows = page.getByTestId("station-row");
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await rows.allInnerTexts()) expect(text).toContain(township);
  await page.locator("select[name=status]").selectOption("ACTIVE");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/status=ACTIVE/);
  await expect(page).toHaveURL(/townshipId=\d+/);
  for (const text of await rows.allInnerTexts()) expect(text).toContain("运营中");
});

test("an operator sees only their station, edits only its contact details, and is refused the rest", async ({ page }) => {
  await signIn(page, OPERATOR);
  await page.goto("/stations");
  await expect(page.getByTestId("station-row")).toHaveCount(1);
  await expect(page.getByTestId("network-tiles")).toHaveCount(0);
  await page.getByTestId("station-row").getByRole("link").first().click();
  await page.waitForURL(/\/stations\/\d+$/);
  const own = page.url().match(/\/stations\/(\d+)/)![1];
  await page.getByRole("link", { name: "修改联系方式" }).click();
  await expect(page.locator("#code")).toHaveCount(0); // the contact form only
  const phone = `0772-${String(Date.now()).slice(-7)}`;
  await page.locator("#phone").fill(phone);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(new RegExp(`/stations/${own}\\?saved=1$`));
  await expect(page.getByTestId("station-phone")).toHaveText(phone);

  // A tampered form (a field the operator may not change) is refused by the server action.
  await page.goto(`/stations/${own}/edit`);
  await page.locator("main form").evaluate((form) => {
    const input = document.createElement("input");
    Object.assign(input, { type: "hidden", name: "name", value: "篡改的名称" });
    form.appendChild(input);
  });
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.locator("main [role=alert]")).toContainText("您没有权限执行此操作。");

  // The API refuses the same, and another station altogether.
  const current = await (await page.request.get(`/api/v1/stations/${own}`)).json();
  expect(current.name).not.toBe("篡改的名称");
  const renamed = await page.request.patch(`/api/v1/stations/${own}`, { data: { version: current.version, name: "改名" } });
  expect(renamed.status()).toBe(403);
  const list = await (await page.request.get("/api/v1/stations")).json();
  expect(list.items).toHaveLength(1);
  const other = Number(own) === 1 ? 2 : 1;
  expect((await page.request.get(`/api/v1/stations/${other}`)).status()).toBe(403);
  await page.goto(`/stations/${other}`);
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await page.goto("/stations/new");
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
});

test("the stations page in English (language from the cookie only; the user's setting is untouched)", async ({ page, context }) => {
  await signIn(page, "staff@rongshui.example");
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  await page.goto("/stations");
  await expect(page.getByRole("heading", { name: "Stations" })).toBeVisible();
  await expect(page.getByText("Poor-village coverage", { exact: true })).toBeVisible();
  await page.goto("/stations/coverage");
  await expect(page.getByRole("heading", { name: "Uncovered poor villages" })).toBeVisible();
});
