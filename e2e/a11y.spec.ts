import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Every page a role reaches from its navigation, on a desk PC (1366 px) and a phone (390 px): axe-core finds no
// serious and no critical violation. Pages are reached by clicking what a user clicks (the sidebar, or the phone
// menu; then the first record of a list and the admin tabs), never by typing a URL.

const ROLES = [
  { role: "ADMIN", email: "admin@rongshui.example" },
  { role: "STAFF", email: "staff@rongshui.example" },
  { role: "VIEWER", email: "viewer@rongshui.example" },
  { role: "OPERATOR", email: "op-rs-v001@rongshui.example" },
] as const;
const WIDTHS = [1366, 390] as const;

type Finding = { page: string; id: string; impact: string; nodes: string[] };

async function audit(page: Page, findings: Finding[]) {
  await page.waitForLoadState("networkidle");
  const result = await new AxeBuilder({ page }).analyze();
  const where = new URL(page.url()).pathname + new URL(page.url()).search;
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      findings.push({ page: where, id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) });
    }
  }
  return where;
}

/** The navigation a user sees at this width: the sidebar, or the phone menu (opened first). */
async function nav(page: Page, width: number) {
  if (width >= 1024) return page.locator("aside nav");
  const summary = page.locator("header summary");
  if ((await page.locator("header details").getAttribute("open")) === null) await summary.click();
  return page.locator("header nav");
}

// Lists whose first record a user would open next, and the link that opens it.
const FIRST_RECORD: Record<string, string> = {
  "/stations": "[data-testid=station-row] a",
  "/households": "main table tbody a",
  "/products": "[data-testid=product-row] a",
  "/sales": "[data-testid=sale-row] a",
  "/progress": "[data-testid=area-rows] tbody a",
};

for (const { role, email } of ROLES) {
  for (const width of WIDTHS) {
    test(`${role} at ${width} px: every page from the navigation has no serious or critical axe violation`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width, height: width >= 1024 ? 800 : 844 });
      await signIn(page, email);
      const findings: Finding[] = [];
      const visited: string[] = [await audit(page, findings)];

      const links = (await nav(page, width)).locator("a");
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      expect(hrefs.length).toBeGreaterThanOrEqual(3);
      for (const href of hrefs) {
        await (await nav(page, width)).locator(`a[href="${href}"]`).click();
        await expect(page).toHaveURL((u) => u.pathname === href);
        await expect((await nav(page, width)).locator(`a[href="${href}"]`)).toHaveAttribute("aria-current", "page");
        visited.push(await audit(page, findings));

        const first = FIRST_RECORD[href];
        if (first && (await page.locator(first).count()) > 0) {
          await page.locator(first).first().click();
          await expect(page).not.toHaveURL((u) => u.pathname === href && !u.search);
          visited.push(await audit(page, findings));
        }
        if (href === "/admin") {
          for (const tab of ["/admin/tokens", "/admin/audit", "/admin/settings"]) {
            await page.locator(`main nav a[href="${tab}"]`).click();
            await expect(page).toHaveURL((u) => u.pathname === tab);
            visited.push(await audit(page, findings));
          }
        }
      }
      expect(visited.length).toBeGreaterThan(hrefs.length);
      expect(findings, `serious/critical axe violations on ${visited.join(", ")}`).toEqual([]);
    });
  }
}

// The phone layouts changed for the screens issue, in the state a user leaves them in: the registry sorted with its
// phone sort controls, the import check's preview cards, the station page's income table, the report's scorecard
// cards, the date filters with their labels. Reached through the phone menu and the pages' own controls.
test("the phone layouts at 390 px (sorted registry, import preview, station income, scorecard, date filters) have no serious or critical axe violation", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const findings: Finding[] = [];
  const visited: string[] = [];
  const go = async (name: string) => {
    const link = (await nav(page, 390)).getByRole("link", { name, exact: true });
    const href = (await link.getAttribute("href"))!;
    await link.click();
    await expect(page).toHaveURL((u) => u.pathname === href);
    await expect((await nav(page, 390)).locator(`a[href="${href}"]`)).toHaveAttribute("aria-current", "page");
  };

  await signIn(page, "staff@rongshui.example");
  await go("贫困户");
  await page.getByRole("combobox", { name: "排序依据" }).selectOption("headName");
  await page.getByRole("combobox", { name: "排序方向" }).selectOption("desc");
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/sort=headName/);
  visited.push(await audit(page, findings));

  await page.getByRole("link", { name: "批量导入" }).click();
  const csv = "户编号,户主姓名,村,服务站编号,家庭人口,贫困户属性,致贫原因,识别年度\r\nAXE-1,无障碍户主,450225100001,RS-V001,3,一般贫困户,因病,2014\r\n";
  await page.locator("#import-file").setInputFiles({ name: "axe.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`) });
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("import-preview")).toBeVisible();
  visited.push(await audit(page, findings));

  for (const name of ["收入台账", "销售"]) {
    await go(name);
    visited.push(await audit(page, findings));
  }
  await go("服务站");
  await page.locator(`main a[href="/stations/trainings"]`).first().click();
  await expect(page).toHaveURL(/\/stations\/trainings/);
  visited.push(await audit(page, findings));

  await go("报表");
  await expect(page.getByTestId("scorecard")).toBeVisible();
  visited.push(await audit(page, findings));

  // The operator's own station: the income-by-year table that stays a table.
  await page.context().clearCookies();
  await signIn(page, "op-rs-v001@rongshui.example");
  await go("服务站");
  await page.locator("[data-testid=station-row] a").first().click();
  await expect(page).toHaveURL(/\/stations\/\d+$/);
  visited.push(await audit(page, findings));
  await go("防返贫监测");
  visited.push(await audit(page, findings));

  expect(findings, `serious/critical axe violations on ${visited.join(", ")}`).toEqual([]);
});
