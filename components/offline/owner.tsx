"use client";
// Mounted on every dashboard page (app/(dashboard)/layout.tsx). For an OPERATOR: the offline store belongs to them
// (another user's store is deleted first), the service worker is registered and asked to keep the shell pages, the
// pickers' copy is refreshed, and the queue is sent whenever the connection comes back. For every other role: nothing
// is kept offline (the center's users see the whole county; their data stay on the server), so anything a previous
// operator left in this browser is deleted.
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { getMeta, reviveOfflineStore, setMeta } from "./store";
import { refreshReferenceData, syncQueue, wipeOffline } from "./sync";

const REFRESH_EVERY_MS = 10 * 60 * 1000;

export function OfflineOwner({ userId, operator }: { userId: number; operator: boolean }) {
  const t = useTranslations("offline.queue");
  // The messages through a ref: a re-render (a server action's answer brings the layout again, with a new message
  // object and so a new `t`) must not re-run the effect, which would reopen the store and re-register the worker
  // right after sign-out deleted them.
  const messagesRef = useRef({ offline: "", server: "" });
  messagesRef.current = { offline: t("networkFailed"), server: t("serverFailed") };
  useEffect(() => {
    let stopped = false;
    if (!operator) {
      void wipeOffline();
      return;
    }
    const sync = () => {
      if (navigator.onLine) void syncQueue(messagesRef.current).catch(() => undefined);
    };
    reviveOfflineStore();
    (async () => {
      const owner = await getMeta<number>("owner").catch(() => undefined);
      if (owner !== undefined && owner !== userId) {
        await wipeOffline();
        reviveOfflineStore(); // a new, empty store for this user
      }
      await setMeta("owner", userId);
      if (stopped) return;
      if ("serviceWorker" in navigator) {
        try {
          // Registered once; the browser checks /sw.js for updates by itself on later navigations.
          const existing = await navigator.serviceWorker.getRegistration("/");
          if (!existing?.active?.scriptURL.endsWith("/sw.js")) await navigator.serviceWorker.register("/sw.js", { scope: "/" });
          const ready = await navigator.serviceWorker.ready;
          // The files this page loaded before the worker controlled it, and the shell pages with theirs.
          const assets = performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.startsWith("/_next/static/"));
          ready.active?.postMessage({ type: "WARM", paths: ["/", "/offline"], assets });
        } catch {
          // no worker (private mode, an old browser): entry still queues; the page only cannot open offline
        }
      }
      if (navigator.onLine) {
        const at = await getMeta<string>("refreshedAt");
        if (!at || Date.now() - Date.parse(at) > REFRESH_EVERY_MS) await refreshReferenceData().catch(() => undefined);
        sync();
      }
    })();
    window.addEventListener("online", sync);
    const timer = window.setInterval(sync, 60_000);
    return () => {
      stopped = true;
      window.removeEventListener("online", sync);
      window.clearInterval(timer);
    };
  }, [userId, operator]);
  return null;
}
