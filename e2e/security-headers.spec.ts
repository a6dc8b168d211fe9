// The Content-Security-Policy and the other security headers: every section works under them in Chromium (no CSP
// violation, no console error), pages and API answers carry them, and nothing personal is cached.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

type Seen = { console: string[]; violations: string[] };

/** Collects console errors/warnings and securitypolicyviolation events for the whole life of the page. */
async function watch(page: Page): Promise<Seen> {
  const seen: Seen = { console: [], violations: [] };
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning" || /Content.Security.Policy|Refused to/i.test(msg.text())) {
      seen.console.push(`${msg.type()}: ${msg.text()} [${msg.location().url}] (${page.url()})`);
    }
  });
  page.on("pageerror", (error) => seen.console.push(`pageerror: ${error.message} (${page.url()})`));
  await page.exposeFunction("__cspViolation", (v: string) => seen.violations.push(v));
  // Added through the DevTools protocol, so the policy under test does not block it; runs in every document.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} (${location.pathname})`);
    });
  });
  return seen;
}

async function clickNav(page: Page, name: string, url: RegExp) {
  await page.locator("aside nav").getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(url);
  await expect(page.locator("main h1").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
}

async function clickIn(page: Page, link: ReturnType<Page["locator"]>, url: RegExp) {
  await link.click();
  await expect(page).toHaveURL(url);
  await expect(page.locator("main h1").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
}

function expectClean(seen: Seen) {
  expect(seen.violations, "securitypolicyviolation events").toEqual([]);
  expect(seen.console, "console errors and warnings").toEqual([]);
}

test("ADMIN walks every section by the sidebar with no CSP violation or console error", async ({ page }) => {
  test.setTimeout(180_000);
  const seen = await watch(page);
  await signIn(page, "admin@rongshui.example");
  await page.waitForLoadState("networkidle");
  await clickNav(page, "服务站", /\/stations$/);
  await clickIn(page, page.locator("main a[href^='/stations/']").filter({ hasText: /^RS-/ }).first(), /\/stations\/\d+$/);
  await clickNav(page, "贫困户", /\/households(\?.*)?$/);
  await clickIn(page, page.locator("main table a[href^='/households/']").first(), /\/households\/\d+$/);
  await clickNav(page, "收入台账", /\/income(\?.*)?$/);
  await clickNav(page, "产品", /\/products(\?.*)?$/);
  await clickNav(page, "销售", /\/sales(\?.*)?$/);
  await clickIn(page, page.locator("main table a[href^='/sales/']").first(), /\/sales\/\d+$/);
  await clickNav(page, "报表", /\/reports(\?.*)?$/);
  await clickNav(page, "系统管理", /\/admin$/);
  const tabs = page.locator("main nav");
  await clickIn(page, tabs.getByRole("link", { name: "API 令牌" }), /\/admin\/tokens$/);
  await clickIn(page, tabs.getByRole("link", { name: "审计日志" }), /\/admin\/audit/);
  await clickIn(page, tabs.getByRole("link", { name: "设置" }), /\/admin\/settings$/);
  await clickNav(page, "总览", /\/$/);
  // A full load of a deep page too (not only client-side navigations), in English.
  await page.locator("aside").getByRole("button", { name: "English" }).click();
  await expect(page.locator("aside nav").getByRole("link", { name: "Dashboard" })).toBeVisible();
  await page.goto("/households");
  await page.waitForLoadState("networkidle");
  await page.locator("aside").getByRole("button", { name: "中文" }).click();
  await expect(page.locator("aside nav").getByRole("link", { name: "总览" })).toBeVisible();
  expectClean(seen);
});

test("OPERATOR walks their sections by the sidebar with no CSP violation or console error", async ({ page }) => {
  test.setTimeout(120_000);
  const seen = await watch(page);
  await signIn(page, "op-rs-v001@rongshui.example");
  await page.waitForLoadState("networkidle");
  await clickNav(page, "服务站", /\/stations/);
  await clickNav(page, "贫困户", /\/households(\?.*)?$/);
  await clickIn(page, page.locator("main table a[href^='/households/']").first(), /\/households\/\d+$/);
  await clickNav(page, "收入台账", /\/income(\?.*)?$/);
  await clickNav(page, "产品", /\/products(\?.*)?$/);
  await clickNav(page, "销售", /\/sales(\?.*)?$/);
  await clickNav(page, "报表", /\/reports(\?.*)?$/);
  await clickNav(page, "总览", /\/$/);
  expectClean(seen);
});

test("the policy is enforced and the watcher sees it: an injected inline script is refused and reported", async ({ page }) => {
  const seen = await watch(page);
  await page.goto("/login");
  await page.waitForLoadState("networkidle");
  expectClean(seen);
  // What an XSS would do: add an inline <script> without this response's nonce.
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "document.body.dataset.injected = 'ran'";
    document.body.append(s);
  });
  await expect.poll(() => seen.violations.length).toBeGreaterThan(0);
  expect(seen.violations[0]).toContain("script-src");
  expect(await page.locator("body").getAttribute("data-injected")).toBeNull();
});

test("pages carry the CSP with a fresh nonce and the other security headers", async ({ page }) => {
  const login = await page.goto("/login");
  const csp = login!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
  for (const part of ["default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self'", "connect-src 'self'",
    "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"]) {
    expect(csp).toContain(part);
  }
  expect(csp).not.toContain("unsafe-eval");
  // Every Next.js script in the page carries this response's nonce (the browser hides its value from the DOM).
  expect(await page.locator("script:not([nonce])").count()).toBe(0);

  await signIn(page, "admin@rongshui.example");
  const home = await page.goto("/");
  const h = home!.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).not.toBe(csp); // a new nonce per response
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["permissions-policy"]).toContain("geolocation=()");
  expect(h["x-powered-by"]).toBeUndefined();
});

test("API answers and downloads are never cached and carry the security headers", async ({ page }) => {
  await signIn(page, "admin@rongshui.example");
  for (const url of ["/api/v1/me", "/api/v1/households?pageSize=1", "/api/v1/households/export?format=csv&q=450225100001-0001", "/api/v1/reports?kind=annual&year=2020&format=xlsx", "/api/files/products/nothing.jpg"]) {
    const res = await page.request.get(url);
    const h = res.headers();
    expect(h["cache-control"], url).toBe("no-store");
    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(h["x-frame-options"], url).toBe("DENY");
    expect(h["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    expect(h["content-security-policy"], url).toContain("default-src 'none'");
  }
  // A real product photo too (set for the test, then removed): /api/files is never cached either.
  const product = ((await (await page.request.get("/api/v1/products")).json()) as { items: { id: number; photoUrl: string | null }[] }).items.find((p) => !p.photoUrl)!;
  const set = await page.request.post(`/api/v1/products/${product.id}/photo`, { multipart: { photo: { name: "p.png", mimeType: "image/png", buffer: PNG } } });
  expect(set.status()).toBe(200);
  const photoUrl = ((await set.json()) as { photoUrl: string }).photoUrl;
  expect(photoUrl).toMatch(/^\/api\/files\//);
  const photo = await page.request.get(photoUrl);
  expect(photo.status()).toBe(200);
  expect(photo.headers()["cache-control"]).toBe("no-store");
  expect(photo.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await page.request.delete(`/api/v1/products/${product.id}/photo`)).status()).toBe(200);

  const anonymous = await page.context().browser()!.newContext();
  const res = await anonymous.request.get(`${test.info().project.use.baseURL}/api/v1/me`);
  expect(res.status()).toBe(401);
  expect(res.headers()["cache-control"]).toBe("no-store");
  await anonymous.close();
});
