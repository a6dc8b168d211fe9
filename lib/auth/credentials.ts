import { db } from "../db";
import { writeAudit } from "../audit";
import { rateLimited } from "../errors";
import { credentialsSchema } from "../validation/auth";
import { dummyPasswordHash, verifyPassword } from "./password";
import { accountKey, beginSignInAttempt } from "./throttle";
import type { Viewer } from "./viewer";

/** A freshly signed-in user and the session version their new session token carries. */
export type SignedIn = Viewer & { sessionVersion: number };

/**
 * Checks an email and password. Returns null for any failure, without saying which part was wrong. Throttled per
 * account and per client address (lib/auth/throttle.ts): over the limit it throws RATE_LIMITED (429) whatever the
 * password, the same for known and unknown emails. Every failure is audited as "signInFailed" (email as typed and
 * client address, never the password).
 */
export async function verifyCredentials(input: unknown, address = "unknown"): Promise<SignedIn | null> {
  const account = accountKey(input);
  const attempt = await beginSignInAttempt(account, address);
  if (!attempt.allowed) {
    if (attempt.justLocked) await auditFailure(account, address, true);
    throw rateLimited(attempt.retryAfterSeconds);
  }
  const user = await checkPassword(input);
  await attempt.release(user !== null);
  if (!user) await auditFailure(account, address, false);
  return user;
}

async function checkPassword(input: unknown): Promise<SignedIn | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email } });
  if (!user || !user.active) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { ...toViewer(user), sessionVersion: user.sessionVersion };
}

async function auditFailure(account: string | null, address: string, locked: boolean) {
  const user = account ? await db.user.findUnique({ where: { email: account }, select: { id: true } }) : null;
  await db.$transaction((tx) =>
    writeAudit(tx, "system", { action: locked ? "signInLocked" : "signInFailed", entity: "User", entityId: user?.id ?? null, after: { email: account, clientAddress: address } }),
  );
}

/** The saved interface language of a user who has just signed in. */
export async function localeOfUser(email: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { locale: true } });
  return user?.locale ?? null;
}

/**
 * The user behind a session or token, or null when unknown or deactivated. With `sessionVersion` (every browser
 * session has one), also null when it is not the user's current version: the session ended by sign-out, a password
 * change or an admin's change.
 */
export async function loadViewer(userId: number, opts: { sessionVersion?: number } = {}): Promise<Viewer | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || !user.active) return null;
  if (opts.sessionVersion !== undefined && opts.sessionVersion !== user.sessionVersion) return null;
  return toViewer(user);
}

/**
 * Ends every session of a user (sign-out ends them on every device). Only from a session that is still current,
 * so an already ended cookie cannot keep writing audit rows.
 */
export async function endSessions(userId: number, sessionVersion: number): Promise<boolean> {
  const viewer = await loadViewer(userId, { sessionVersion });
  if (!viewer) return false;
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, sessionVersion }, data: { sessionVersion: { increment: 1 } } });
    if (count === 1) await writeAudit(tx, viewer, { action: "signOut", entity: "User", entityId: userId });
    return count === 1;
  });
}

function toViewer(user: { id: number; email: string; name: string; role: Viewer["role"]; stationId: number | null; locale: string }): Viewer {
  return { id: user.id, email: user.email, name: user.name, role: user.role, stationId: user.stationId, locale: user.locale };
}
