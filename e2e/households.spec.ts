import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

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
  await expect(original.getByText(/已冲正/).first()).toBeVisible();
  await page.reload();
  const reversal = page.getByTestId("ledger-row").filter({ hasText: "金额录错" }).first();
  const link = reversal.getByTestId("reversal-of");
  await expect(link).toHaveText(/^冲正 \d{4}\/\d{2}\/\d{2} 外出务工 ¥123\.47$/);
  await expect(reversal).not.toContainText("#");
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^#entry-\d+$/);
  await link.click();
  await expect(page.locator(href!)).toContainText("已冲正");
});
