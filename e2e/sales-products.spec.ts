import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// The product catalog of issue 4: staff add a product with listings and a photo; the photo is checked by its bytes and
// served only to signed-in users. Codes are unique per run.

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

test("staff add a product with a listing, upload a photo (a fake image is refused) and only signed-in users get it", async ({ page, browser }) => {
  await signIn(page, "staff@rongshui.example");
  await page.goto("/products");
  await page.getByRole("link", { name: "新增产品" }).click();
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await page.locator("#code").fill(code);
  await page.locator("#category").selectOption("GRAIN");
  await page.locator("#name").fill("紫黑糯米礼盒");
  await page.locator("#unit").fill("盒");
  await page.locator("#price").fill("0");
  await page.locator("select[name='listing.DOUYIN.status']").selectOption("LISTED");
  await page.locator("input[name='listing.DOUYIN.url']").fill("ftp://example.com/x");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.locator("#price-error")).toContainText("金额必须大于 0");
  await expect(page.locator("main [role=alert]", { hasText: "http://" })).toBeVisible();
  await page.locator("#price").fill("68.8");
  await page.locator("input[name='listing.DOUYIN.url']").fill("https://shop.example.com/douyin/e2e");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/products\/\d+\?saved=1$/);
  const id = page.url().match(/\/products\/(\d+)/)![1];
  await expect(page.getByText("¥68.80 / 盒")).toBeVisible();
  await expect(page.locator("main")).toContainText("抖音");

  await page.goto(`/products/${id}/edit`);
  // Text dressed up as a JPEG: refused by the server (the browser-side check trusts the declared type).
  await page.locator("#photo").setInputFiles({ name: "fake.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not an image at all") });
  await page.getByRole("button", { name: "上传照片" }).click();
  await expect(page.locator("main [role=alert]")).toContainText("只接受 JPEG、PNG 或 WebP 图片");
  // Over 2 MB: refused before uploading.
  await page.locator("#photo").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]) });
  await page.getByRole("button", { name: "上传照片" }).click();
  await expect(page.locator("main [role=alert]")).toContainText("照片不能超过 2 MB");
  await page.locator("#photo").setInputFiles({ name: "rice.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "上传照片" }).click();
  await expect(page.getByText("照片已更新。")).toBeVisible();

  await page.goto(`/products/${id}`);
  const src = await page.getByTestId("product-photo").getAttribute("src");
  expect(src).toMatch(/^\/api\/files\/products\/[0-9a-f]{32}\.png$/);
  const signedIn = await page.request.get(src!);
  expect(signedIn.status()).toBe(200);
  expect(signedIn.headers()["content-type"]).toBe("image/png");
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(new URL(src!, page.url()).toString())).status()).toBe(401);
  await anonymous.close();

  // An operator reads the catalog but cannot change it.
  const op = await browser.newContext();
  const opPage = await op.newPage();
  await signIn(opPage, "op-rs-v001@rongshui.example");
  await opPage.goto(`/products/${id}`);
  await expect(opPage.getByRole("link", { name: "编辑" })).toHaveCount(0);
  await opPage.goto(`/products/${id}/edit`);
  await expect(opPage.getByRole("heading", { name: "无权访问" })).toBeVisible();
  expect((await opPage.request.patch(`/api/v1/products/${id}`, { data: { priceFen: 1 } })).status()).toBe(403);
  await op.close();
});
