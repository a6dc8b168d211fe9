// The operator's station entry without a network (README "Offline station entry"), in Chromium on a 390 px phone:
// signed in online, the network switched off (context.setOffline), the entry page reloads from the service worker,
// two income entries and a sale with two suppliers are queued in IndexedDB (plus one the server will refuse), the
// network comes back, the queue drains by itself, the API shows each write exactly once, replaying the same queued
// requests creates nothing, the refused entry stays with the server's message until corrected, and signing out
// clears the offline store. A second test counts the bytes on the wire for a first and a repeat visit.
import { writeFileSync, mkdirSync } from "node:fs";
import net from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { screenshots, signIn } from "./helpers";

const OPERATOR = "op-rs-v001@rongshui.example";
const PORT = Number(process.env.E2E_PORT ?? 3100);

type Household = { id: number; code: string; headName: string; registeredYear: number };
type Queued = { key: string; url: string; body: Record<string, unknown>; state: string; kind: string };

/** A store of the offline database as it is in IndexedDB (read with the raw API, not the app's own reader). */
async function stored<T>(page: Page, name: "queue" | "households"): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open("rongshui-offline");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            resolve(all.result as T[]);
            db.close();
          };
        };
      }),
    name,
  );
}
const queued = (page: Page) => stored<Queued>(page, "queue");

async function openMenu(page: Page) {
  const details = page.locator("header details");
  if ((await details.getAttribute("open")) === null) await page.locator("header summary").click();
  return page.locator("header");
}

test.use({ viewport: { width: 390, height: 844 } });

test("offline: queue entries with no network, sync each exactly once, keep refusals, clear on sign-out", async ({ page, context }) => {
  test.setTimeout(180_000);
  page.on("dialog", (d) => void d.accept());
  const tag = `离线${Date.now().toString(36)}`;
  await signIn(page, OPERATOR);

  // What the pickers will offer (the operator's own station), and a product.
  const list = (await (await page.request.get("/api/v1/households?pageSize=100&sort=code&dir=asc")).json()) as { items: Household[]; total: number };
  // Dated in 2020, the demo's last year: the dashboards' default period (12 months up to the latest data) stays put.
  const valid = list.items.filter((h) => h.registeredYear <= 2019);
  expect(valid.length).toBeGreaterThanOrEqual(2);
  const [h1, h2] = valid;
  const late = list.items.find((h) => h.registeredYear >= 2015 && h.registeredYear <= 2020 && h.id !== h1.id && h.id !== h2.id) ?? h2;
  const product = ((await (await page.request.get("/api/v1/products?active=true")).json()) as { items: { id: number }[] }).items[0];

  // One online visit: the home page links to the entry page; the worker keeps both, the pickers' copy is stored.
  await page.getByTestId("open-station-entry").click();
  await expect(page).toHaveURL(/\/offline$/);
  await expect(page.getByTestId("pickers-state")).toHaveAttribute("data-households", String(Math.min(list.total, 5000)));
  await page.waitForFunction(async () => !!(await caches.match("/offline")) && !!(await caches.match("/")), undefined, { timeout: 30_000 });

  // No network: the entry page reloads from the service worker's cache.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "服务站录入" })).toBeVisible();
  await expect(page.getByTestId("entry-online-state")).toContainText("当前离线");
  await expect(page.getByTestId("pickers-state")).toHaveAttribute("data-households", String(Math.min(list.total, 5000)));
  // The worker's own fetches are offline too: an entry form never cached opens the station entry page instead.
  await page.goto("/sales/new");
  await expect(page.getByRole("heading", { name: "服务站录入" })).toBeVisible();
  await page.goto("/");
  await page.getByTestId("open-station-entry").click();
  await expect(page).toHaveURL(/\/offline$/);
  await expect(page.getByTestId("entry-online-state")).toContainText("当前离线");

  // Two income entries, validated in the browser (a wrong amount is refused before anything is queued).
  const income = async (h: Household, date: string, amount: string, note: string) => {
    await page.locator("#inc-household").selectOption(String(h.id));
    await page.locator("#inc-date").fill(date);
    await page.locator("#inc-amount").fill(amount);
    await page.locator("#inc-note").fill(note);
    await page.getByTestId("entry-save").click();
  };
  await income(h1, "2020-06-15", "-3", `${tag}-1`);
  await expect(page.locator("#inc-amount-error")).toBeVisible();
  await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "0");
  await page.locator("#inc-amount").fill("1500");
  await page.getByTestId("entry-save").click();
  await expect(page.getByTestId("entry-saved")).toBeVisible();
  await income(h2, "2020-06-15", "820.50", `${tag}-2`);
  await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "2");
  // One the server will refuse: dated before the household was registered (a rule only the ledger knows).
  await income(late, `${late.registeredYear - 1}-06-01`, "99", `${tag}-bad`);
  await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "3");

  // A sale with two suppliers.
  await page.getByRole("tab", { name: "销售" }).click();
  await page.locator("#sale-product").selectOption(String(product.id));
  await page.locator("#sale-date").fill("2020-06-16");
  await page.locator("#sale-quantity").fill("3");
  await page.locator("#sale-amount").fill("300");
  await page.locator("#sale-supplier-0").selectOption(String(h1.id));
  await page.locator("#sale-payout-0").fill("100");
  await page.getByTestId("add-supplier").click();
  await page.locator("#sale-supplier-1").selectOption(String(h2.id));
  await page.locator("#sale-payout-1").fill("80");
  await page.locator("#sale-note").fill(`${tag}-sale`);
  await page.getByTestId("entry-save").click();
  await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "4");

  // A training and a hardship report.
  await page.getByRole("tab", { name: "培训" }).click();
  await page.locator("#tr-date").fill("2020-06-18");
  await page.locator("#tr-topic").fill(`${tag}-培训`);
  await page.locator("#tr-count").fill("5");
  await page.locator("#tr-households").selectOption([String(h1.id), String(h2.id)]);
  await page.getByTestId("entry-save").click();
  await page.getByRole("tab", { name: "困难上报" }).click();
  await page.locator("#hs-household").selectOption(String(h1.id));
  await page.locator("#hs-type").selectOption("ILLNESS");
  await page.locator("#hs-date").fill("2020-06-18");
  await page.locator("#hs-amount").fill("2000");
  await page.locator("#hs-note").fill(`${tag}-hs`);
  await page.getByTestId("entry-save").click();

  // The queue, visible with each item's state.
  const panel = page.getByTestId("offline-queue");
  await expect(panel.getByTestId("queue-count")).toHaveText("6 条待同步");
  await expect(panel.getByTestId("queue-item")).toHaveCount(6);
  for (const state of await panel.getByTestId("queue-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-state")))) expect(state).toBe("pending");
  const inQueue = await queued(page);
  // Readable on the phone (and a desk PC) without sideways scrolling, and no serious accessibility finding.
  await screenshots(page, "offline-queue");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(inQueue.map((q) => q.kind).sort()).toEqual(["hardship", "income", "income", "income", "sale", "training"]);
  expect(new Set(inQueue.map((q) => q.key)).size).toBe(6);

  // The connection returns: the queue drains by itself, and the refused entry stays with the server's message.
  await context.setOffline(false);
  await expect(panel.getByTestId("queue-count")).toHaveAttribute("data-count", "0", { timeout: 30_000 });
  const refused = panel.locator('[data-testid="queue-item"][data-state="refused"]');
  await expect(refused).toHaveCount(1);
  await expect(refused.getByTestId("queue-item-message")).toContainText(`日期不能早于该户识别年度（${late.registeredYear} 年 1 月 1 日）`);

  // The API shows exactly those writes, once each.
  const entries = async (h: Household) =>
    ((await (await page.request.get(`/api/v1/households/${h.id}/income?pageSize=200`)).json()) as { items: { note: string | null; saleId: number | null; amountFen: number }[] }).items;
  const mine = <T extends { note: string | null }>(rows: T[], note: string) => rows.filter((r) => r.note === note);
  expect(mine(await entries(h1), `${tag}-1`).map((r) => r.amountFen)).toEqual([150_000]);
  expect(mine(await entries(h2), `${tag}-2`).map((r) => r.amountFen)).toEqual([82_050]);
  expect(mine(await entries(late), `${tag}-bad`)).toHaveLength(0);
  const sales = ((await (await page.request.get(`/api/v1/sales?householdId=${h1.id}`)).json()) as { items: { id: number; note: string | null; suppliers: { householdId: number; payoutFen: number }[] }[] }).items.filter((s) => s.note === `${tag}-sale`);
  expect(sales).toHaveLength(1);
  expect(sales[0].suppliers.map((s) => [s.householdId, s.payoutFen]).sort()).toEqual([[h1.id, 10_000], [h2.id, 8_000]].sort());
  const payouts = async () => (await entries(h2)).filter((e) => e.saleId === sales[0].id).length;
  expect(await payouts()).toBe(1);
  const trainings = async () =>
    ((await (await page.request.get("/api/v1/trainings")).json()) as { items: { topic: string; attendeeCount: number; households: { id: number }[] }[] }).items.filter((x) => x.topic === `${tag}-培训`);
  expect((await trainings()).map((x) => [x.attendeeCount, x.households.map((h) => h.id).sort()])).toEqual([[5, [h1.id, h2.id].sort()]]);
  const hardships = async () =>
    ((await (await page.request.get(`/api/v1/households/${h1.id}/hardships`)).json()) as { items: { note: string | null; amountFen: number | null }[] }).items.filter((x) => x.note === `${tag}-hs`);
  expect((await hardships()).map((x) => x.amountFen)).toEqual([200_000]);

  // Replaying the same queued requests (same keys, same bodies) creates nothing new: each answers the first result.
  const sent = inQueue.filter((q) => !String(q.body.note ?? "").endsWith("-bad"));
  for (const q of sent) {
    const res = await page.request.post(q.url, { headers: { "Idempotency-Key": q.key }, data: q.body });
    expect(res.status(), q.url).toBe(201);
    expect(res.headers()["idempotent-replayed"]).toBe("true");
  }
  expect(mine(await entries(h1), `${tag}-1`)).toHaveLength(1);
  expect(mine(await entries(h2), `${tag}-2`)).toHaveLength(1);
  expect(await payouts()).toBe(1);
  expect(await trainings()).toHaveLength(1);
  expect(await hardships()).toHaveLength(1);

  // The refusal survives a reload; corrected in its form, it is sent and written once.
  await page.reload();
  await expect(page.locator('[data-testid="queue-item"][data-state="refused"]')).toHaveCount(1);
  await page.getByRole("button", { name: "改正" }).click();
  await page.locator("#inc-date").fill(`${late.registeredYear}-06-01`);
  await page.getByRole("button", { name: "保存改正" }).click();
  await expect(page.getByTestId("queue-item")).toHaveCount(0, { timeout: 30_000 });
  expect(mine(await entries(late), `${tag}-bad`)).toHaveLength(1);

  // The session ends while an entry waits: it stays waiting with the server's message, and is sent once signed in again.
  await context.setOffline(true);
  await income(h2, "2020-06-19", "12", `${tag}-expired`);
  await context.clearCookies();
  await context.setOffline(false);
  const waiting = page.locator('[data-testid="queue-item"][data-state="pending"]');
  await expect(waiting.getByTestId("queue-item-message")).toContainText("请先登录", { timeout: 30_000 });
  await signIn(page, OPERATOR);
  await expect.poll(async () => mine(await entries(h2), `${tag}-expired`).length, { timeout: 30_000 }).toBe(1);
  expect(await queued(page)).toHaveLength(0);

  // Another operator signs in on this browser after the first one's session ended: the first one's store is deleted
  // (their unsent entry with it), and the new store holds only the new station's households.
  await page.goto("/offline");
  await context.setOffline(true);
  await income(h1, "2020-06-20", "13", `${tag}-other`);
  await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "1");
  await context.clearCookies();
  await context.setOffline(false);
  await signIn(page, "op-rs-v002@rongshui.example");
  await expect.poll(async () => (await stored<{ id: number }>(page, "households")).length, { timeout: 30_000 }).toBeGreaterThan(0);
  const theirs = new Set((await stored<{ id: number }>(page, "households")).map((h) => h.id));
  expect([h1.id, h2.id, late.id].filter((id) => theirs.has(id))).toEqual([]);
  expect(await queued(page)).toHaveLength(0);

  // Signing out: the store, the cached pages and the worker are gone.
  const menu = await openMenu(page);
  await menu.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  const left = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    workers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
  expect(left).toEqual({ databases: [], caches: [], workers: 0 });
  // The first operator's unsent entry never reached the server.
  await signIn(page, OPERATOR);
  expect(mine(await entries(h1), `${tag}-other`)).toHaveLength(0);
});

test("nothing is kept offline for the center's staff: no worker, no store, no cached page", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  await page.goto("/offline");
  await expect(page.getByText("离线录入只供服务站站长使用")).toBeVisible();
  await page.waitForLoadState("networkidle");
  const kept = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    workers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
  expect(kept).toEqual({ databases: [], caches: [], workers: 0 });
});

/**
 * A TCP relay in front of the app that counts the bytes the server sends (every response, the worker's too), each
 * attributed to the request it answers (browsers do not pipeline: a connection's bytes answer its latest request).
 */
async function countingRelay(target: number) {
  const state = { bytes: 0, requests: [] as { path: string; bytes: number }[] };
  const server = net.createServer((client) => {
    const upstream = net.connect(target, "127.0.0.1");
    let current: { path: string; bytes: number } | null = null;
    client.on("data", (d) => {
      for (const m of d.toString("latin1").matchAll(/^(?:GET|POST|HEAD) (\S+) HTTP\/1\.1/gm)) {
        current = { path: m[1], bytes: 0 };
        state.requests.push(current);
      }
      upstream.write(d);
    });
    upstream.on("data", (d) => {
      state.bytes += d.length;
      if (current) current.bytes += d.length;
      client.write(d);
    });
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    state,
    reset() {
      state.bytes = 0;
      state.requests = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function settle(page: Page, relay: { state: { bytes: number } }) {
  await page.waitForLoadState("networkidle");
  let last = -1;
  while (last !== relay.state.bytes) {
    last = relay.state.bytes;
    await page.waitForTimeout(1_000);
  }
}

type Figure = { bytes: number; requests: number; static: number; manifest: number; document: number; rscPrefetch: number; api: number; worker: number };

function figureOf(requests: { path: string; bytes: number }[], path: string): Figure {
  const sum = (f: (p: string) => boolean) => requests.filter((r) => f(r.path)).reduce((n, r) => n + r.bytes, 0);
  return {
    bytes: requests.reduce((n, r) => n + r.bytes, 0),
    requests: requests.length,
    static: sum((p) => p.startsWith("/_next/static/")),
    manifest: sum((p) => p.startsWith("/icon") || p === "/manifest.webmanifest"),
    document: sum((p) => p === path),
    rscPrefetch: sum((p) => p.includes("_rsc=")),
    api: sum((p) => p.startsWith("/api/")),
    worker: sum((p) => p === "/sw.js" || ((p === "/" || p === "/offline") && p !== path)),
  };
}

test("bytes on the wire: first and repeat visit of the operator's home and entry pages", async ({ browser }) => {
  test.setTimeout(150_000);
  const relay = await countingRelay(PORT);
  const base = `http://127.0.0.1:${relay.port}`;
  const options = { baseURL: base, extraHTTPHeaders: {}, viewport: { width: 390, height: 844 } };
  try {
    // Signed in once (not counted); each page is then opened in a new, empty browser, as on a new phone.
    const signInContext = await browser.newContext(options);
    await signIn(await signInContext.newPage(), OPERATOR);
    const cookies = await signInContext.cookies();
    await signInContext.close();
    const figures: Record<string, Figure> = {};
    for (const [label, path] of [["home", "/"], ["entry page", "/offline"]] as const) {
      const context = await browser.newContext(options);
      await context.addCookies(cookies);
      const page = await context.newPage();
      for (const visit of ["first visit", "repeat visit"]) {
        relay.reset();
        await page.goto(path);
        // The first visit ends when the worker has stored the shell (that is part of what it costs).
        await page.waitForFunction(async () => !!(await caches.match("/offline")) && !!(await caches.match("/")), undefined, { timeout: 30_000 });
        await settle(page, relay);
        figures[`${label}, ${visit}`] = figureOf(relay.state.requests, path);
      }
      await context.close();
    }
    console.log("bytes on the wire (server → browser, headers included, compressed as sent):");
    for (const [name, f] of Object.entries(figures)) {
      console.log(`  ${name}: ${f.bytes} bytes in ${f.requests} requests: static files ${f.static}, manifest and icon ${f.manifest}, the page ${f.document}, link prefetches (RSC) ${f.rscPrefetch}, API data ${f.api}, worker and shell ${f.worker}`);
    }
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/offline-bytes.json", JSON.stringify(figures, null, 2));
    // A repeat visit fetches data only (the page's HTML with its RSC payload, prefetched links, API data), not the app.
    for (const label of ["home", "entry page"]) {
      expect(figures[`${label}, repeat visit`].static, label).toBe(0);
      expect(figures[`${label}, repeat visit`].bytes, label).toBeLessThan(figures[`${label}, first visit`].bytes / 3);
    }
  } finally {
    await relay.close();
  }
});
