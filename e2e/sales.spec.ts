import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Journeys of issue 4 (sales feeding the income ledger). Each run records its own sale (and reverses it), so it
// depends on nothing other spec files write, and leaves every total as it found it.

const OPERATOR = "op-rs-v001@rongshui.example";
const SALE_DATE = "2020-12-20";

async function incomeFor(page: Page, householdId: number, saleId?: number) {
  const body = await (await page.request.get(`/api/v1/households/${householdId}/income?from=2020-01-01&to=2020-12-31&pageSize=100`)).json();
  const entries = body.entries as { amountFen: number; saleId: number | null }[];
  return { sumFen: body.sumFen as number, forSale: saleId ? entries.filter((e) => e.saleId === saleId).map((e) => e.amountFen) : [] };
}

async function fillSale(page: Page, { amount, payouts }: { amount: string; payouts: string[] }) {
  await page.goto("/sales/new");
  await expect(page.locator("#stationId")).toBeDisabled(); // an operator's own station, fixed
  await page.locator("#productId").selectOption({ index: 1 });
  await page.locator("#channel").selectOption("TAOBAO");
  await page.locator("#date").fill(SALE_DATE);
  await page.locator("#quantity").fill("12.5");
  await page.locator("#amount").fill(amount);
  await page.getByPlaceholder("按户编号或户主姓名搜索").click();
  const results = page.getByTestId("household-results").locator("button");
  for (let i = 0; i < payouts.length; i++) {
    await expect(results.first()).toBeVisible();
    await results.first().click();
  }
  const picked = page.getByTestId("picked-household");
  await expect(picked).toHaveCount(payouts.length);
  for (const [i, p] of payouts.entries()) await picked.nth(i).locator("input[name=supplierPayout]").fill(p);
  return picked;
}

test("an operator records a sale with two supplier households and finds the payouts in both ledgers; a reversal takes them back", async ({ page }) => {
  await signIn(page, OPERATOR);

  // Payouts above the amount: a field error, nothing recorded.
  const tooMuch = await fillSale(page, { amount: "100", payouts: ["80", "30"] });
  await expect(page.getByTestId("payout-sum")).toHaveClass(/text-red-700/);
  await page.getByRole("button", { name: "登记" }).click();
  await expect(page.getByText("供货户收益合计不能超过销售金额。")).toBeVisible();
  await expect(tooMuch).toHaveCount(2); // the form kept what was typed
  await expect(page).toHaveURL(/\/sales\/new$/);

  // Now the real one.
  await page.locator("#amount").fill("800");
  await tooMuch.nth(0).locator("input[name=supplierPayout]").fill("333.33");
  await tooMuch.nth(1).locator("input[name=supplierPayout]").fill("222.22");
  const ids = await tooMuch.locator("input[name=supplierHouseholdId]").evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
  const before = await Promise.all(ids.map((id) => incomeFor(page, id)));
  await page.getByRole("button", { name: "登记" }).click();

  await expect(page).toHaveURL(/\/sales\/\d+\?recorded=1$/);
  const saleId = Number(page.url().match(/\/sales\/(\d+)/)![1]);
  await expect(page.getByText("销售已登记。")).toBeVisible();
  // No reversal form under the success message: reversing is a deliberate step behind its own button.
  await expect(page.locator("#reason")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "确认冲正" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "冲正此销售…" })).toBeVisible();
  await expect(page.getByTestId("supplier-row")).toHaveCount(2);
  await expect(page.getByTestId("ledger-row")).toHaveCount(2);
  await expect(page.getByTestId("ledger-row").filter({ hasText: "¥333.33" })).toHaveCount(1);
  await expect(page.getByTestId("ledger-row").filter({ hasText: "¥222.22" })).toHaveCount(1);

  // Both households' ledgers: the API and the household page (issue 3's timeline).
  const payouts = [33_333, 22_222];
  for (const [i, id] of ids.entries()) {
    const after = await incomeFor(page, id, saleId);
    expect(after.forSale).toEqual([payouts[i]]);
    expect(after.sumFen).toBe(before[i].sumFen + payouts[i]);
  }
  await page.getByTestId("supplier-row").first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/households/${ids[0]}`));
  await expect(page.locator("[data-testid=ledger-row]", { hasText: "¥333.33" }).first()).toBeVisible();
  await page.goto(`/households/${ids[1]}`);
  await expect(page.locator("[data-testid=ledger-row]", { hasText: "¥222.22" }).first()).toBeVisible();

  // The sales list and its totals include it.
  await page.goto(`/sales?from=${SALE_DATE}&to=${SALE_DATE}`);
  await expect(page.locator("table").last()).toContainText("¥800.00");

  // Reversal: a reason is required; afterwards both ledgers are back where they were, and it cannot happen twice.
  await page.goto(`/sales/${saleId}`);
  await page.getByRole("button", { name: "冲正此销售…" }).click();
  // The step can be left without reversing.
  await page.getByRole("button", { name: "不冲正" }).click();
  await expect(page.locator("#reason")).toHaveCount(0);
  await page.getByRole("button", { name: "冲正此销售…" }).click();
  await page.getByRole("button", { name: "确认冲正" }).click();
  await expect(page.locator("#reason-error")).toBeVisible();
  await page.locator("#reason").fill("买家退货");
  await page.getByRole("button", { name: "确认冲正" }).click();
  await expect(page.getByText("原因：买家退货")).toBeVisible();
  await expect(page.getByTestId("ledger-row")).toHaveCount(4);
  await expect(page.getByRole("button", { name: /冲正/ })).toHaveCount(0);
  // The reversing rows say what they reversed (date, household, amount) and link to it, never an internal id.
  const reversals = page.getByTestId("reversal-of");
  await expect(reversals).toHaveCount(2);
  await expect(reversals.filter({ hasText: "¥333.33" })).toContainText("冲正 2020/12/20");
  await expect(page.getByTestId("ledger-row").filter({ hasText: "#" })).toHaveCount(0);
  await reversals.filter({ hasText: "¥333.33" }).click();
  await expect(page).toHaveURL(/#entry-\d+$/);
  await expect(page.locator(`[id="${new URL(page.url()).hash.slice(1)}"]`)).toContainText("供货收益");
  for (const [i, id] of ids.entries()) {
    const after = await incomeFor(page, id, saleId);
    expect(after.forSale.sort((a, b) => a - b)).toEqual([-payouts[i], payouts[i]]);
    expect(after.sumFen).toBe(before[i].sumFen);
  }
  const again = await page.request.post(`/api/v1/sales/${saleId}/reversal`, { data: { reason: "再次冲正" } });
  expect(again.status()).toBe(409);
});

test("an operator cannot record for another station or name its households: server action and API refuse, nothing written", async ({ page, browser }) => {
  await signIn(page, OPERATOR);
  const me = await (await page.request.get("/api/v1/me")).json();
  const stations = await (await page.request.get("/api/v1/stations")).json();
  const own = stations.items[0].id as number;
  expect(me.station.code).toBe("RS-V001");
  const other = own === 1 ? 2 : 1;
  const count = async () => (await (await page.request.get("/api/v1/sales?state=active")).json()).total as number;
  const before = await count();

  // A tampered form: the hidden station field set to another station.
  await fillSale(page, { amount: "100", payouts: ["50"] });
  await page.locator("input[type=hidden][name=stationId]").evaluate((el, id) => { (el as HTMLInputElement).value = String(id); }, other);
  await page.getByRole("button", { name: "登记" }).click();
  await expect(page.locator("main [role=alert]").first()).toContainText("您没有权限执行此操作。");
  await expect(page).toHaveURL(/\/sales\/new$/);

  // The API: another station, and another station's household.
  const product = (await (await page.request.get("/api/v1/products")).json()).items[0].id;
  const base = { productId: product, channel: "JD", date: SALE_DATE, quantity: 1, amountFen: 10_000 };
  expect((await page.request.post("/api/v1/sales", { data: { ...base, stationId: other, suppliers: [] } })).status()).toBe(403);
  expect((await page.request.get(`/api/v1/stations/${other}`)).status()).toBe(403);
  // A household of another station (looked up by staff in a separate session).
  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await signIn(staffPage, "staff@rongshui.example");
  const foreign = (await (await staffPage.request.get(`/api/v1/households?stationId=${other}`)).json()).households[0].id as number;
  await staff.close();
  const named = await page.request.post("/api/v1/sales", { data: { ...base, stationId: own, suppliers: [{ householdId: foreign, payoutFen: 5_000 }] } });
  expect(named.status()).toBe(403);
  expect((await named.json()).error.fields).toEqual({ "suppliers.0.householdId": expect.stringContaining("不由本站服务") });
  expect(await count()).toBe(before);
  // Not even visible: another station's sales.
  expect((await page.request.get(`/api/v1/sales?stationId=${other}`)).status()).toBe(403);
});

test("staff naming a household outside the station's villages gets a warning, over the API and on the sale page", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  const stations = await (await page.request.get("/api/v1/stations?q=RS-V001")).json();
  const station = stations.items[0];
  // A household served by another station, in a village RS-V001 does not cover.
  const detail = await (await page.request.get(`/api/v1/stations/${station.id}`)).json();
  const covered = new Set((detail.coveredVillages as { id: number }[]).map((v) => v.id));
  const households = (await (await page.request.get("/api/v1/households?status=POOR&pageSize=100&page=5")).json()).households as { id: number; village: { id: number } }[];
  const outsider = households.find((h) => !covered.has(h.village.id))!;
  const product = (await (await page.request.get("/api/v1/products")).json()).items[0].id;
  const res = await page.request.post("/api/v1/sales", {
    data: { productId: product, stationId: station.id, channel: "DOUYIN", date: SALE_DATE, quantity: 2, amountFen: 5_000, suppliers: [{ householdId: outsider.id, payoutFen: 4_000 }] },
  });
  expect(res.status()).toBe(201);
  const body = await res.json();
  expect(body.warnings).toEqual([expect.objectContaining({ code: "SUPPLIER_OUTSIDE_COVERAGE", householdId: outsider.id, field: "suppliers.0.householdId" })]);
  await page.goto(`/sales/${body.sale.id}`);
  await expect(page.getByTestId("coverage-warning")).toBeVisible();
  // Leave the totals as they were.
  expect((await page.request.post(`/api/v1/sales/${body.sale.id}/reversal`, { data: { reason: "端到端测试" } })).status()).toBe(201);
});
