import { createHash } from "node:crypto";
import { db } from "./db";
import type { Prisma } from "./generated/prisma/client";
import { AppError, invalid, isUniqueViolation } from "./errors";

// Exactly-once writes for callers that may send the same request again (a phone syncing its offline queue after a
// dropped connection, a retrying API client). The caller names each write with an Idempotency-Key; the key, the hash
// of the request and the answer are stored in the transaction of the write itself, so they commit together or not
// at all, in the database (every process and every restart sees them). A repeat answers the stored result without
// writing; the same key with a different request is a 409; two repeats at once meet on the unique (userId, key):
// the second insert waits for the first transaction and, once it commits, fails, and the loser reads the answer.

/** One write's key as the route layer hands it to lib/ (lib/api/respond.ts builds it from the header). */
export type Idempotency = {
  key: string;
  userId: number;
  /** "POST /api/v1/households/12/income": a key reused on another route is a different request. */
  route: string;
  /** sha256 of the route and the canonical JSON of the request body. */
  requestHash: string;
  /** The HTTP status of the write's answer (stored, replayed). */
  status: number;
  /** Set when the answer came from the store: the API marks it with an Idempotent-Replayed header. */
  replayed?: boolean;
};

type Tx = Prisma.TransactionClient;

/** The two calls a guarded write makes inside its transaction: claim the key first, store the answer last. */
export type IdempotencyGuard = {
  claim(tx: Tx): Promise<void>;
  done<T>(tx: Tx, result: T): Promise<T>;
};

const NO_GUARD: IdempotencyGuard = { claim: async () => undefined, done: async (_tx, result) => result };

/** Letters, digits and -_.: (a UUID fits), 8 to 128 characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/** Objects with their keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} are one request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export function requestHash(route: string, body: unknown): string {
  return createHash("sha256").update(route).update("\n").update(JSON.stringify(canonical(body)) ?? "").digest("hex");
}

/** The key of a request, or undefined when it has none; a malformed key is a 400 on the Idempotency-Key field. */
export function idempotencyFor(header: string | null, userId: number, route: string, body: unknown, status: number): Idempotency | undefined {
  if (header === null) return undefined;
  const key = header.trim();
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw invalid({ "Idempotency-Key": { key: "errors.idempotencyKeyFormat" } });
  return { key, userId, route, requestHash: requestHash(route, body), status };
}

const mismatch = () => new AppError("CONFLICT", { key: "errors.idempotencyMismatch" });

/** The stored answer of this key (undefined: none yet); the key stored for another request → 409. */
async function storedAnswer<T>(idem: Idempotency): Promise<T | undefined> {
  const row = await db.idempotencyKey.findUnique({ where: { userId_key: { userId: idem.userId, key: idem.key } } });
  if (!row) return undefined;
  if (row.requestHash !== idem.requestHash) throw mismatch();
  idem.replayed = true;
  return row.response as T;
}

class KeyTaken extends Error {}

function guardFor(idem: Idempotency): IdempotencyGuard {
  return {
    async claim(tx) {
      try {
        await tx.idempotencyKey.create({ data: { userId: idem.userId, key: idem.key, route: idem.route, requestHash: idem.requestHash, status: idem.status } });
      } catch (error) {
        // A concurrent repeat committed the key first: this transaction is rolled back, and onceFor reads its answer.
        if (isUniqueViolation(error)) throw new KeyTaken();
        throw error;
      }
    },
    async done(tx, result) {
      // The answer exactly as the API sends it (JSON: dates already strings in the DTOs).
      const response = JSON.parse(JSON.stringify(result ?? null)) as Prisma.InputJsonValue;
      await tx.idempotencyKey.update({ where: { userId_key: { userId: idem.userId, key: idem.key } }, data: { response } });
      return result;
    },
  };
}

/**
 * Runs a guarded write once per key. Without a key, `write` runs as it always did. With one: a stored answer is
 * returned as it is (no check, no write, even if the rules would refuse the request today: it was accepted once);
 * otherwise `write` runs with a guard whose claim() and done() it calls inside its transaction. A refused write
 * (validation, a forbidden household) rolls its claim back, so the corrected request may be sent with the same key.
 */
export async function onceFor<T>(idem: Idempotency | undefined, write: (guard: IdempotencyGuard) => Promise<T>): Promise<T> {
  if (!idem) return write(NO_GUARD);
  const stored = await storedAnswer<T>(idem);
  if (stored !== undefined) return stored;
  try {
    return await write(guardFor(idem));
  } catch (error) {
    if (error instanceof KeyTaken || isUniqueViolation(error)) {
      const again = await storedAnswer<T>(idem);
      if (again !== undefined) return again;
    }
    throw error;
  }
}
