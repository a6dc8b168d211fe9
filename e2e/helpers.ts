import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "rongshui-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/$/);
}

let gbkTable: Map<string, number[]> | null = null;

/**
 * Text as GBK bytes, the way Excel in China saves "CSV": Node can decode GBK but not encode it, so the table is the
 * decoder's own, run over every two-byte GBK code once.
 */
export function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gbk", { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        try {
          const ch = decoder.decode(new Uint8Array([lead, trail]));
          if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
        } catch {
          // not a GBK code
        }
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = gbkTable.get(ch);
      if (!code) throw new Error(`not in GBK: ${ch}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}

/** Full-page screenshots of the page as it is, at a desk PC's and a phone's width, for people to look at. */
export async function screenshots(page: Page, name: string) {
  const size = page.viewportSize();
  for (const [width, height] of [[1366, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
    expect(scroll, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(inner);
    await page.screenshot({ path: `test-results/screens/${name}-${width}.png`, fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}
