/// <reference lib="webworker" />
// The operator app's service worker (built by scripts/build-sw.mjs into public/sw.js, with Serwist's strategies).
// It keeps only what an operator needs to open the app without a network: the app's static files (hashed,
// immutable), and two pages, the home page "/" and the station entry page "/offline". Every other page is fetched
// from the network as before and never stored (household pages carry full ID numbers); with no network, a navigation
// to an entry form opens the cached station entry page instead. /api is never touched: the pages' data go through
// IndexedDB (components/offline). The page registers this worker for OPERATOR sessions only, and clears its caches
// on sign-out and when another user signs in (components/offline/owner.tsx).
import { CacheFirst, NetworkFirst, Serwist, type SerwistPlugin } from "serwist";

declare const self: ServiceWorkerGlobalScope;

const PAGES = "rs-pages-v1";
const STATIC = "rs-static-v1";
/** The pages an operator can open offline. */
const SHELL = new Set(["/", "/offline"]);
/** Navigations that, offline, open the station entry page: the existing entry forms and the operator's sections. */
const ENTRY_FALLBACK = /^\/(income|sales|stations|households|products|monitoring)(\/|$)/;

/** Pages are stored only as a real 200 of this origin (never a redirect to /login, an error or a 403 page). */
const onlyOwnPages: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && !response.redirected && response.type === "basic" ? response : null),
  // One entry per page whatever its query (/?year=2024 opens offline as /).
  cacheKeyWillBeUsed: async ({ request }) => {
    const url = new URL(request.url);
    return `${url.origin}${url.pathname}`;
  },
};

/**
 * Set by CLEAR (sign-out): the worker stores nothing more until the next operator's page sends WARM. The page it
 * still controls until it unloads (the login page after sign-out) must not fill the caches again.
 */
let retired = false;

const pages = new NetworkFirst({ cacheName: PAGES, networkTimeoutSeconds: 8, plugins: [onlyOwnPages] });
// Hashed, immutable files: no expiry bookkeeping (Serwist's ExpirationPlugin keeps an IndexedDB of URLs and times,
// one more store to clear at sign-out); warm() trims the cache to the newest MAX_STATIC files instead.
const statics = new CacheFirst({ cacheName: STATIC });
const MAX_STATIC = 400;

async function cachedEntryPage(): Promise<Response> {
  const cache = await caches.open(PAGES);
  return (await cache.match(`${self.location.origin}/offline`)) ?? Response.error();
}

const serwist = new Serwist({
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    { matcher: ({ url, sameOrigin }) => !retired && sameOrigin && url.pathname.startsWith("/_next/static/"), handler: statics },
    { matcher: ({ url, sameOrigin }) => !retired && sameOrigin && (url.pathname === "/icon.svg" || url.pathname === "/manifest.webmanifest"), handler: statics },
    { matcher: ({ request, url, sameOrigin }) => !retired && sameOrigin && request.mode === "navigate" && SHELL.has(url.pathname), handler: pages },
    {
      matcher: ({ request, url, sameOrigin }) => !retired && sameOrigin && request.mode === "navigate" && ENTRY_FALLBACK.test(url.pathname),
      handler: async ({ request }) => {
        try {
          return await fetch(request);
        } catch {
          return cachedEntryPage();
        }
      },
    },
  ],
});

const STATIC_REF = /\/_next\/static\/[A-Za-z0-9_\-./~%@]+\.(?:js|css|woff2?|svg|png)/g;

/**
 * Stores the shell pages and every static file they name, right after the first online visit (the page asks: the
 * files it loaded before this worker took control were not seen by it).
 */
async function warm(paths: string[], assets: string[]) {
  const pageCache = await caches.open(PAGES);
  const staticCache = await caches.open(STATIC);
  const found = new Set(assets.filter((a) => a.startsWith("/_next/static/")));
  for (const path of paths.filter((p) => SHELL.has(p))) {
    // Stored already: kept fresh by NetworkFirst whenever the operator opens it; not fetched again here.
    const have = await pageCache.match(`${self.location.origin}${path}`);
    if (have) {
      for (const m of (await have.clone().text()).matchAll(STATIC_REF)) found.add(m[0]);
      continue;
    }
    try {
      const response = await fetch(path, { credentials: "same-origin", cache: "no-store" });
      if (response.status !== 200 || response.redirected) continue;
      const html = await response.clone().text();
      for (const m of html.matchAll(STATIC_REF)) found.add(m[0]);
      await pageCache.put(`${self.location.origin}${path}`, response);
    } catch {
      // offline again: the next visit tries once more
    }
  }
  for (const asset of found) {
    if (await staticCache.match(asset)) continue;
    try {
      const response = await fetch(asset);
      if (response.ok) await staticCache.put(asset, response);
    } catch {
      // ignore: fetched on use
    }
  }
  // Old builds' files go first (keys() lists them in the order stored); the shell's current files are kept.
  const keys = await staticCache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_STATIC))) {
    if (!found.has(new URL(old.url).pathname)) await staticCache.delete(old);
  }
}

/** Every cache of this origin. */
async function clearAll() {
  await Promise.all((await caches.keys()).map((k) => caches.delete(k)));
}

self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string; paths?: string[]; assets?: string[] } | null;
  if (data?.type === "WARM") {
    retired = false;
    event.waitUntil(warm(data.paths ?? [], data.assets ?? []).then(() => event.ports[0]?.postMessage("warmed")));
  }
  if (data?.type === "CLEAR") {
    retired = true;
    event.waitUntil(clearAll().then(() => event.ports[0]?.postMessage("cleared")));
  }
});

serwist.addEventListeners();
