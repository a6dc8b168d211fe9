"use client";
// The operator's offline store in IndexedDB (Dexie): the queue of entries waiting to be sent, and the copy of their
// own station's households (code, head's name, village: no ID number, no phone) and the product list that the
// pickers use offline. Only an OPERATOR's browser has one; sign-out and another user's sign-in delete it
// (owner.tsx), together with the service worker's page cache.
import Dexie, { type EntityTable } from "dexie";

export type EntryKind = "income" | "sale" | "training" | "hardship";
/** pending: waiting to be sent (also after a network failure or an expired session); refused: the server said no. */
export type QueueState = "pending" | "sending" | "refused";

export type QueueItem = {
  id?: number;
  /** The Idempotency-Key of this write, made once when it was recorded and sent with every attempt. */
  key: string;
  kind: EntryKind;
  /** POST target under /api/v1 and its JSON body (already validated with the server's schema). */
  url: string;
  body: Record<string, unknown>;
  /** What the list shows: "2026-12-04 · RS-0001 张三 · 外出务工 ¥1,500.00". */
  summary: string;
  /** The form's values, to correct a refused item in its form. */
  form: Record<string, unknown>;
  state: QueueState;
  /** The server's (or the network's) last word, in the user's language. */
  message?: string;
  fields?: Record<string, string>;
  status?: number;
  attempts: number;
  createdAt: string;
};

export type CachedHousehold = { id: number; code: string; headName: string; village: string | null };
export type CachedProduct = { id: number; code: string; name: string; nameEn: string | null; unit: string; priceFen: number };
type Meta = { k: string; v: unknown };

export class OfflineStore extends Dexie {
  queue!: EntityTable<QueueItem, "id">;
  households!: EntityTable<CachedHousehold, "id">;
  products!: EntityTable<CachedProduct, "id">;
  meta!: EntityTable<Meta, "k">;
  constructor() {
    super("rongshui-offline");
    this.version(1).stores({ queue: "++id, &key, state, createdAt", households: "id, code", products: "id, code", meta: "k" });
  }
}

let store: OfflineStore | null = null;
/** Set between sign-out and the next sign-in: nothing may reopen (and so recreate) the store meanwhile. */
let retired = false;
export function offlineStore(): OfflineStore {
  if (retired) throw new Error("the offline store was deleted at sign-out");
  return (store ??= new OfflineStore());
}
/** A signed-in operator's page opens the store again (components/offline/owner.tsx). */
export function reviveOfflineStore(): void {
  retired = false;
}

export async function getMeta<T>(k: string): Promise<T | undefined> {
  return (await offlineStore().meta.get(k))?.v as T | undefined;
}
export async function setMeta(k: string, v: unknown): Promise<void> {
  await offlineStore().meta.put({ k, v });
}

/** Deletes the whole store (sign-out, another user, a role that keeps nothing offline). */
export async function deleteOfflineStore(): Promise<void> {
  retired = true;
  store?.close();
  store = null;
  await Dexie.delete("rongshui-offline");
}

/** A new Idempotency-Key (a random UUID; crypto.randomUUID needs a secure context, so fall back to random bytes). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function" && globalThis.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("").replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}
