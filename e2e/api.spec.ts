import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("health answers ok with the database kind", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "pglite" });
});

test("no credentials → 401 JSON in the error shape, never a redirect", async ({ request }) => {
  for (const path of ["/api/v1/me", "/api/v1/users", "/api/v1/no-such-thing"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(401);
    expect(res.headers()["content-type"]).toContain("application/json");
    const body = await res.json();
    expect(body).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
  }
});

test("a malformed or unknown bearer token → 401", async ({ request }) => {
  for (const header of ["Bearer", "Bearer not-a-token", "Basic YWRtaW46YWRtaW4=", `Bearer rs_${"A".repeat(43)}`]) {
    const res = await request.get("/api/v1/me", { headers: { Authorization: header } });
    expect(res.status(), header).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHORIZED");
  }
});

test("admin creates a token in the UI; it authenticates, is refused admin-only data for a viewer, and dies when revoked", async ({ page, request }) => {
  await signIn(page, "admin@rongshui.example");
  await page.goto("/admin/tokens");
  await page.locator("#token-name").fill("e2e 报表");
  const viewerOption = page.locator("#token-user option", { hasText: "viewer@rongshui.example" });
  await page.locator("#token-user").selectOption(await viewerOption.getAttribute("value"));
  await page.getByRole("button", { name: "创建令牌" }).click();
  const secret = (await page.getByTestId("token-secret").textContent())!.trim();
  expect(secret).toMatch(/^rs_/);

  const auth = { Authorization: `Bearer ${secret}` };
  const me = await request.get("/api/v1/me", { headers: auth });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: "viewer@rongshui.example", role: "VIEWER", station: null, locale: "zh-CN" });

  const forbidden = await request.get("/api/v1/users", { headers: auth });
  expect(forbidden.status()).toBe(403);
  expect(await forbidden.json()).toEqual({ error: { code: "FORBIDDEN", message: "您没有权限执行此操作。" } });

  const invalid = await page.request.post("/api/v1/users", { data: { email: "bad", name: "", password: "short", role: "KING" }, headers: { "Accept-Language": "en" } });
  expect(invalid.status()).toBe(400);
  const body = await invalid.json();
  expect(body.error.code).toBe("VALIDATION");
  expect(Object.keys(body.error.fields).sort()).toEqual(["email", "name", "password", "role"]);

  page.once("dialog", (d) => d.accept());
  await page.locator("tr", { hasText: "e2e 报表" }).getByRole("button", { name: "吊销" }).click();
  await expect(page.locator("tr", { hasText: "e2e 报表" })).toContainText("已吊销");
  expect((await request.get("/api/v1/me", { headers: auth })).status()).toBe(401);
});

test("the session cookie works for the API too", async ({ page }) => {
  await signIn(page, "op-rs-t01@rongshui.example");
  const res = await page.request.get("/api/v1/me");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ role: "OPERATOR", station: { code: "RS-T01" } });
});
