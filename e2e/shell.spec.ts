import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("admin signs in (zh-CN), switches to English, sees the shell, signs out and is refused / afterwards", async ({ page }) => {
  await signIn(page, "admin@rongshui.example");
  const nav = page.locator("aside nav");
  await expect(nav.getByRole("link", { name: "总览" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "系统管理" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.locator("aside").getByRole("button", { name: "English" }).click();
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const label of ["Stations", "Households", "Income", "Products", "Sales", "Reports", "Admin"]) {
    await expect(nav.getByRole("link", { name: label })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();

  // The choice is remembered: a reload stays in English.
  await page.reload();
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();

  // Back to Chinese so the demo admin stays as seeded for later journeys.
  await page.locator("aside").getByRole("button", { name: "中文" }).click();
  await expect(nav.getByRole("link", { name: "总览" })).toBeVisible();
  await page.locator("aside").getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(401);
});

test("a wrong password gets one generic message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.locator("#email").fill("admin@rongshui.example");
  await page.locator("#password").fill("x".repeat(10_240));
  await page.locator('form button[type="submit"]').click();
  await expect(page.locator("form [role=alert]")).toHaveText("邮箱或密码不正确。");
  await page.locator("#email").fill("<script>alert(1)</script>");
  await page.locator("#password").fill("' OR 1=1 --");
  await page.locator('form button[type="submit"]').click();
  await expect(page.locator("form [role=alert]")).toHaveText("邮箱或密码不正确。");
  await expect(page).toHaveURL(/\/login/);
});

test("a viewer sees only the dashboard, drill-down, monitoring and reports, and is refused the admin page", async ({ page }) => {
  await signIn(page, "viewer@rongshui.example");
  const links = page.locator("aside nav a");
  await expect(links).toHaveText(["总览", "逐级查看", "防返贫监测", "报表"]);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
});

test("an operator sees their station in the header", async ({ page }) => {
  await signIn(page, "op-rs-t01@rongshui.example");
  await expect(page.locator("aside [data-testid=user-role]")).toContainText("RS-T01");
  await expect(page.locator("aside nav a", { hasText: "系统管理" })).toHaveCount(0);
});

test("the shell is usable at 390 px wide", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signIn(page, "staff@rongshui.example");
  await page.locator("header summary").click();
  await expect(page.locator("header nav").getByRole("link", { name: "贫困户" })).toBeVisible();
});
