import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "../db";
import type { Db } from "../db-client";

/**
 * Sign-in throttling. Counters live in the database (table "RateLimiterFlexible", rate-limiter-flexible's Prisma
 * store), so several app processes on one PostgreSQL share them; nothing is kept in memory.
 *
 * - per account (the email as typed, known or not, so a locked answer says nothing about whether it exists):
 *   5 attempts in 15 minutes; the 6th is refused and the account is locked for 15 minutes, even with the right
 *   password. A successful sign-in clears the account's counter.
 * - per client address: 50 failed attempts in 15 minutes, then that address is locked for 15 minutes.
 *
 * Every attempt is counted before the password is checked (an atomic increment in the database), so parallel
 * requests cannot slip past the limit; a success gives its point back.
 */
export const SIGN_IN_LIMITS = {
  account: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  address: { points: 50, duration: 15 * 60, blockDuration: 15 * 60 },
} as const;

export type SignInLimiters = { account: RateLimiterPrisma; address: RateLimiterPrisma };

/** The two limiters on a Prisma client (the app's by default; tests open a second set to prove they share state). */
export function createSignInLimiters(client: Db = db): SignInLimiters {
  const make = (keyPrefix: string, limits: { points: number; duration: number; blockDuration: number }) =>
    new RateLimiterPrisma({ storeClient: client, tableName: "rateLimiterFlexible", keyPrefix, ...limits });
  return { account: make("signin:account", SIGN_IN_LIMITS.account), address: make("signin:address", SIGN_IN_LIMITS.address) };
}

let limiters: SignInLimiters | undefined;
function appLimiters(): SignInLimiters {
  return (limiters ??= createSignInLimiters());
}

/**
 * The client's address: the first hop of X-Forwarded-For, else X-Real-IP, else "unknown". Next.js fills
 * X-Forwarded-For with the socket address when a client sent none; a reverse proxy in front must overwrite it
 * (README, "Sign-in throttling"), since a client talking to Next.js directly can send any value.
 */
export function clientAddress(headers: Headers | null | undefined): string {
  const forwarded = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  const real = headers?.get("x-real-ip")?.trim();
  return (forwarded || real || "unknown").slice(0, 100);
}

/** The account key of a sign-in attempt: the email as the form or API sent it, normalised, or null. */
export function accountKey(input: unknown): string | null {
  const email = input && typeof input === "object" ? (input as { email?: unknown }).email : undefined;
  if (typeof email !== "string") return null;
  const key = email.trim().toLowerCase().slice(0, 254);
  return key || null;
}

export type Attempt = { allowed: true; release(success: boolean): Promise<void> } | { allowed: false; retryAfterSeconds: number; justLocked: boolean };

/**
 * Counts one sign-in attempt for the address and the account. Refused when either is over its limit; otherwise the
 * caller checks the password and calls release(success): a success clears the account and gives the address its
 * point back, a failure leaves both counted.
 */
export async function beginSignInAttempt(account: string | null, address: string, set: SignInLimiters = appLimiters()): Promise<Attempt> {
  const addressRes = await consume(set.address, address);
  if (addressRes instanceof RateLimiterRes) return refused(set.address, addressRes);
  if (account) {
    const accountRes = await consume(set.account, account);
    if (accountRes instanceof RateLimiterRes) return refused(set.account, accountRes);
  }
  return {
    allowed: true,
    async release(success) {
      if (!success) return;
      await Promise.all([account ? set.account.delete(account) : null, set.address.reward(address, 1)]);
    },
  };
}

/** Seconds until this account and address may try again (0 when neither is locked). */
export async function signInRetryAfter(account: string | null, address: string, set: SignInLimiters = appLimiters()): Promise<number> {
  const [a, b] = await Promise.all([account ? set.account.get(account) : null, set.address.get(address)]);
  const waits = [
    a && a.consumedPoints > set.account.points ? a.msBeforeNext : 0,
    b && b.consumedPoints > set.address.points ? b.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...waits) / 1000);
}

// Resolves with null when the point was taken, or with the limiter's answer when over the limit. Store errors
// (database down) are thrown: sign-in fails closed.
async function consume(limiter: RateLimiterPrisma, key: string): Promise<RateLimiterRes | null> {
  try {
    await limiter.consume(key, 1);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error;
    throw error;
  }
}

function refused(limiter: RateLimiterPrisma, res: RateLimiterRes): Attempt {
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    // The attempt that crossed the limit (and set the lock): the one worth an audit row; later refusals are not.
    justLocked: res.consumedPoints === limiter.points + 1,
  };
}
