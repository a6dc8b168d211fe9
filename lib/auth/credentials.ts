import { db } from "../db";
import { credentialsSchema } from "../validation/auth";
import { dummyPasswordHash, verifyPassword } from "./password";
import type { Viewer } from "./viewer";

/** Checks an email and password. Returns null for any failure, without saying which part was wrong. */
export async function verifyCredentials(input: unknown): Promise<Viewer | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email } });
  if (!user || !user.active) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return toViewer(user);
}

/** The saved interface language of a user who has just signed in. */
export async function localeOfUser(email: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { locale: true } });
  return user?.locale ?? null;
}

export async function loadViewer(userId: number): Promise<Viewer | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  return user && user.active ? toViewer(user) : null;
}

function toViewer(user: { id: number; email: string; name: string; role: Viewer["role"]; stationId: number | null; locale: string }): Viewer {
  return { id: user.id, email: user.email, name: user.name, role: user.role, stationId: user.stationId, locale: user.locale };
}
