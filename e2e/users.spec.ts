import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

// An operator no other journey signs in as: this journey changes their password.
const OPERATOR = "op-rs-v050@rongshui.example";

test("admin finds a user among 123, resets their password; the user signs in with it and changes it themselves", async ({ page, browser }) => {
  await signIn(page, "admin@rongshui.example");
  await page.locator("aside nav").getByRole("link", { name: "系统管理" }).click();
  await expect(page.getByText("共 123 条")).toBeVisible();

  const search = page.getByRole("search");
  await search.getByRole("searchbox").fill("rs-v050");
  await search.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/[?&]q=rs-v050/);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(OPERATOR);
  await rows.first().getByRole("link", { name: /编辑/ }).click();

  await expect(page.getByTestId("user-heading")).toContainText(OPERATOR);
  await page.getByLabel("新密码").fill("short");
  await page.getByRole("button", { name: "重置密码" }).click();
  await expect(page.locator("#reset-password-error")).toHaveText("至少 10 个字符。");
  await page.getByLabel("新密码").fill("reset-by-admin-1");
  await page.getByRole("button", { name: "重置密码" }).click();
  await expect(page.getByText("密码已重置，该用户需用新密码重新登录。")).toBeVisible();

  // The operator, in a browser of their own: the old password no longer works, the new one does.
  const context = await browser.newContext();
  const op = await context.newPage();
  await op.goto("/login");
  await op.locator("#email").fill(OPERATOR);
  await op.locator("#password").fill(DEMO_PASSWORD);
  await op.locator('form button[type="submit"]').click();
  await expect(op.locator("form [role=alert]")).toHaveText("邮箱或密码不正确。");
  await signIn(op, OPERATOR, "reset-by-admin-1");

  // Own password change from the shell: wrong current password refused with a field error, then done.
  await op.locator("aside").getByRole("link", { name: "修改密码" }).click();
  await expect(op.getByRole("heading", { name: "修改密码" })).toBeVisible();
  await op.getByLabel("当前密码").fill("not-the-password");
  await op.getByLabel("新密码", { exact: true }).fill("my-own-password-2");
  await op.getByLabel("再次输入新密码").fill("my-own-password-2");
  await op.getByRole("button", { name: "修改密码" }).click();
  await expect(op.locator("#currentPassword-error")).toHaveText("当前密码不正确。");

  await op.getByLabel("当前密码").fill("reset-by-admin-1");
  await op.getByLabel("新密码", { exact: true }).fill("my-own-password-2");
  await op.getByLabel("再次输入新密码").fill("my-own-password-2");
  await op.getByRole("button", { name: "修改密码" }).click();
  await expect(op).toHaveURL(/\/account\?changed=1$/);
  await expect(op.getByText("密码已修改。其他设备上的登录会话已结束。")).toBeVisible();
  // This browser stays signed in (its session was re-issued), on pages and on the API.
  await op.goto("/");
  await expect(op.locator("aside [data-testid=user-role]")).toContainText("RS-V050");
  expect((await op.request.get("/api/v1/me")).status()).toBe(200);
  await context.close();

  // And the new password is the one that signs in.
  const again = await browser.newContext();
  const page2 = await again.newPage();
  await signIn(page2, OPERATOR, "my-own-password-2");
  await again.close();
});

test("after sign-out a copied session cookie no longer works", async ({ page, playwright, baseURL }) => {
  await signIn(page, "viewer@rongshui.example");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toBeTruthy();
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");

  const thief = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: cookieHeader } });
  expect((await thief.get("/api/v1/me")).status()).toBe(200);

  await page.locator("aside").getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await thief.get("/api/v1/me")).status()).toBe(401);
  await thief.dispose();
});

test("the admin creates a user in the UI; a sixth wrong password gets the try-again-later message", async ({ page, browser }) => {
  await signIn(page, "admin@rongshui.example");
  await page.locator("aside nav").getByRole("link", { name: "系统管理" }).click();
  await page.getByRole("link", { name: "新建用户" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/new$/);
  await page.getByLabel("邮箱", { exact: true }).fill("new.staff@rongshui.example");
  await page.getByLabel("姓名", { exact: true }).fill("新职员");
  await page.getByLabel("初始密码").fill("new-staff-pass-1");
  await page.getByLabel("角色").selectOption("STAFF");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByText("用户已创建。")).toBeVisible();
  await expect(page.getByTestId("user-heading")).toContainText("new.staff@rongshui.example");

  const context = await browser.newContext();
  const login = await context.newPage();
  await login.goto("/login");
  for (let i = 0; i < 5; i++) {
    await login.locator("#email").fill("new.staff@rongshui.example");
    await login.locator("#password").fill(`wrong-${i}`);
    await login.locator('form button[type="submit"]').click();
    await expect(login.locator("form [role=alert]")).toHaveText("邮箱或密码不正确。");
  }
  await login.locator("#email").fill("new.staff@rongshui.example");
  await login.locator("#password").fill("new-staff-pass-1");
  await login.locator('form button[type="submit"]').click();
  await expect(login.locator("form [role=alert]")).toHaveText("登录失败次数过多，请稍后再试。");
  await expect(login).toHaveURL(/\/login/);
  await context.close();
});

test.describe("the admin's journey in English", () => {
  // The language is the admin's saved setting: put it back to Chinese for the other journeys, even after a failure.
  test.afterEach(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page, "admin@rongshui.example");
    const zh = page.locator("aside").getByRole("group", { name: /^(Language|语言)$/ }).getByRole("button", { name: "中文" });
    if ((await zh.getAttribute("aria-pressed")) !== "true") await zh.click();
    await expect(zh).toHaveAttribute("aria-pressed", "true");
    await page.close();
  });

  test("creates a user, resets their password; the user signs in with it and changes it", async ({ page, browser }) => {
    const email = `en.clerk.${Date.now().toString(36)}@rongshui.example`;
    await signIn(page, "admin@rongshui.example");
    await page.locator("aside").getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
    await page.locator("aside nav").getByRole("link", { name: "Admin" }).click();
    await page.getByRole("link", { name: "New user" }).click();
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Name", { exact: true }).fill("English clerk");
    await page.getByLabel("Initial password").fill("first-pass-123");
    await page.getByLabel("Role").selectOption("STAFF");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText("User created.")).toBeVisible();
    await expect(page.getByTestId("user-heading")).toContainText(email);

    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Reset password" }).click();
    await expect(page.locator("#reset-password-error")).toHaveText("At least 10 characters.");
    await page.getByLabel("New password").fill("reset-by-admin-2");
    await page.getByRole("button", { name: "Reset password" }).click();
    await expect(page.getByText("Password reset. The user signs in again with the new password.")).toBeVisible();

    // The user, in a browser of their own: the initial password no longer works, the reset one does.
    const context = await browser.newContext();
    const user = await context.newPage();
    await user.goto("/login");
    await user.locator("#email").fill(email);
    await user.locator("#password").fill("first-pass-123");
    await user.locator('form button[type="submit"]').click();
    await expect(user.locator("form [role=alert]")).toBeVisible();
    await signIn(user, email, "reset-by-admin-2");
    await user.locator("aside").getByRole("group", { name: /^(Language|语言)$/ }).getByRole("button", { name: "English" }).click();
    await user.locator("aside").getByRole("link", { name: "Change password" }).click();
    await expect(user.getByRole("heading", { name: "Change password" })).toBeVisible();
    await user.getByLabel("Current password").fill("reset-by-admin-2");
    await user.getByLabel("New password", { exact: true }).fill("my-english-pass-3");
    await user.getByLabel("Confirm new password").fill("my-english-pass-3");
    await user.getByRole("button", { name: "Change password" }).click();
    await expect(user.getByText("Password changed. Sessions on other devices have ended.")).toBeVisible();
    await context.close();

    const again = await browser.newContext();
    await signIn(await again.newPage(), email, "my-english-pass-3");
    await again.close();
  });
});
