"use client";
// Sends the queue to /api/v1, one item at a time in the order recorded, each with its Idempotency-Key: a write the
// server already has (a resend after a dropped answer, a second device replaying) is answered with the first result
// and written once. A refusal (4xx) stays in the queue with the server's message; a network failure, a 5xx or an
// expired session (401) leaves the item pending and stops the round, to try again later.
import { deleteOfflineStore, offlineStore, setMeta, type QueueItem } from "./store";

type ApiError = { error?: { code?: string; message?: string; fields?: Record<string, string> } };

let running: Promise<SyncResult> | null = null;
export type SyncResult = { sent: number; refused: number; stopped?: string };

const listeners = new Set<() => void>();
/** Tells the queue panels something changed (they also watch the store itself with liveQuery). */
export function onSyncChange(fn: () => void) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
const changed = () => listeners.forEach((fn) => fn());

async function sendOne(item: QueueItem, messages: { offline: string; server: string }): Promise<"sent" | "refused" | "stop"> {
  const queue = offlineStore().queue;
  await queue.update(item.id!, { state: "sending", attempts: item.attempts + 1 });
  let res: Response;
  try {
    res = await fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Idempotency-Key": item.key },
      body: JSON.stringify(item.body),
    });
  } catch {
    await queue.update(item.id!, { state: "pending", message: messages.offline, status: 0 });
    return "stop";
  }
  if (res.ok) {
    await queue.delete(item.id!);
    return "sent";
  }
  const body = (await res.json().catch(() => ({}))) as ApiError;
  const message = body.error?.message ?? messages.server;
  if (res.status === 401 || res.status >= 500 || res.status === 429) {
    // Not the entry's fault: kept as pending, sent again once signed in again / the server is back.
    await queue.update(item.id!, { state: "pending", message, status: res.status, fields: undefined });
    return "stop";
  }
  await queue.update(item.id!, { state: "refused", message, fields: body.error?.fields, status: res.status });
  return "refused";
}

/** One sync round (one at a time per tab, and per browser where Web Locks exist). */
export function syncQueue(messages: { offline: string; server: string }): Promise<SyncResult> {
  if (running) return running;
  try {
    offlineStore();
  } catch {
    return Promise.resolve({ sent: 0, refused: 0, stopped: "signed out" });
  }
  const round = async (): Promise<SyncResult> => {
    const result: SyncResult = { sent: 0, refused: 0 };
    // Entries recorded while the round runs are sent in the same round (each item at most once per round).
    const tried = new Set<number>();
    for (;;) {
      const items = (await offlineStore().queue.where("state").anyOf("pending", "sending").sortBy("createdAt")).filter((i) => !tried.has(i.id!));
      if (items.length === 0 || result.stopped) break;
      for (const item of items) {
        tried.add(item.id!);
        const outcome = await sendOne(item, messages);
        changed();
        if (outcome === "stop") {
          result.stopped = "network";
          break;
        }
        result[outcome] += 1;
      }
    }
    if (result.sent > 0) await setMeta("lastSyncAt", new Date().toISOString());
    return result;
  };
  const locked = typeof navigator !== "undefined" && navigator.locks ? navigator.locks.request("rongshui-offline-sync", round) : round();
  running = (locked as Promise<SyncResult>).finally(() => {
    running = null;
    changed();
  });
  return running;
}

type ListPage<T> = { items: T[]; total: number };

/**
 * Refreshes the pickers' copy: the operator's own station's households (the API answers an OPERATOR only those) and
 * the active products. Only what a picker shows is kept: code, head's name, village; never ID numbers or phones.
 */
export async function refreshReferenceData(): Promise<void> {
  const households: { id: number; code: string; headName: string; village: string | null }[] = [];
  for (let page = 1; page <= 50; page++) {
    const res = await fetch(`/api/v1/households?pageSize=100&page=${page}&sort=code&dir=asc`, { credentials: "same-origin" });
    if (!res.ok) return;
    const body = (await res.json()) as ListPage<{ id: number; code: string; headName: string; villageName?: string | null; village?: { name?: string } | string | null }>;
    for (const h of body.items) {
      const village = typeof h.village === "string" ? h.village : h.village?.name ?? h.villageName ?? null;
      households.push({ id: h.id, code: h.code, headName: h.headName, village });
    }
    if (page * 100 >= body.total) break;
  }
  const productsRes = await fetch("/api/v1/products?active=true", { credentials: "same-origin" });
  if (!productsRes.ok) return;
  const products = ((await productsRes.json()) as ListPage<{ id: number; code: string; name: string; nameEn: string | null; unit: string; priceFen: number }>).items.map(
    (p) => ({ id: p.id, code: p.code, name: p.name, nameEn: p.nameEn, unit: p.unit, priceFen: p.priceFen }),
  );
  const store = offlineStore();
  await store.transaction("rw", store.households, store.products, store.meta, async () => {
    await store.households.clear();
    await store.households.bulkPut(households);
    await store.products.clear();
    await store.products.bulkPut(products);
    await store.meta.put({ k: "refreshedAt", v: new Date().toISOString() });
  });
  changed();
}

/** Everything offline goes: IndexedDB, the service worker's caches, the worker itself. */
export async function wipeOffline(): Promise<void> {
  // The worker first: told to store nothing more (the page it controls keeps loading files until it unloads).
  const worker = typeof navigator !== "undefined" ? navigator.serviceWorker?.controller : null;
  if (worker) {
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(resolve, 2_000);
      channel.port1.onmessage = () => {
        clearTimeout(timer);
        resolve();
      };
      worker.postMessage({ type: "CLEAR" }, [channel.port2]);
    });
  }
  await deleteOfflineStore().catch(() => undefined);
  if (typeof caches !== "undefined") {
    const keys = await caches.keys().catch(() => [] as string[]);
    await Promise.all(keys.map((k) => caches.delete(k)));
  }
  if (typeof navigator !== "undefined" && navigator.serviceWorker) {
    const registrations = await navigator.serviceWorker.getRegistrations().catch(() => []);
    await Promise.all(registrations.map((r) => r.unregister()));
  }
  changed();
}
