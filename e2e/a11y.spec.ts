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
