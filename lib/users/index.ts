import { randomInt } from "node:crypto";
import { db } from "../db";
import { writeAudit } from "../audit";
import { conflict, invalid, notFound, parseInput } from "../errors";
import { hashPassword, verifyPassword } from "../auth/password";
import { authorize } from "../auth/policy";
import { assertId } from "../validation/primitives";
import type { Viewer } from "../auth/viewer";
import type { Prisma } from "../generated/prisma/client";
import {
  USER_PAGE_SIZE,
  changeOwnPasswordSchema,
  createUserSchema,
  mergedUserSchema,
  resetPasswordSchema,
  updateUserSchema,
  userQuerySchema,
} from "../validation/users";
import { localeSchema } from "../validation/auth";

const PUBLIC_FIELDS = { id: true, email: true, name: true, role: true, stationId: true, locale: true, active: true, createdAt: true } as const;

/** Every user, for pickers (e.g. the owner of an API token). */
export async function listUsers(viewer: Viewer) {
  authorize(viewer, "users.manage");
  return db.user.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }], select: { ...PUBLIC_FIELDS, station: { select: { code: true, name: true } } } });
}

/** The admin's user list: `q` matches email or name (any part, any case), `role` and `active` filter, 50 a page. */
export async function searchUsers(viewer: Viewer, query: unknown) {
  authorize(viewer, "users.manage");
  const q = parseInput(userQuerySchema, query);
  const where: Prisma.UserWhereInput = {
    ...(q.q ? { OR: [{ email: { contains: q.q, mode: "insensitive" } }, { name: { contains: q.q, mode: "insensitive" } }] } : {}),
    ...(q.role ? { role: q.role } : {}),
    ...(q.active ? { active: q.active === "yes" } : {}),
  };
  const [items, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ email: "asc" }],
      skip: (q.page - 1) * USER_PAGE_SIZE,
      take: USER_PAGE_SIZE,
      select: { ...PUBLIC_FIELDS, station: { select: { code: true, name: true } } },
    }),
    db.user.count({ where }),
  ]);
  return { items, total, page: q.page, pageSize: USER_PAGE_SIZE, query: q };
}

// A route's id that is not a positive integer names no user.
export async function getUser(viewer: Viewer, userId: number) {
  authorize(viewer, "users.manage");
  assertId(userId);
  const user = await db.user.findUnique({ where: { id: userId }, select: PUBLIC_FIELDS });
  if (!user) throw notFound();
  return user;
}

/** Creates a user. `actor` is an ADMIN, or "system" for the command-line bootstrap of the first admin. */
export async function createUser(actor: Viewer | "system", input: unknown) {
  if (actor !== "system") authorize(actor, "users.manage");
  const data = parseInput(createUserSchema, input);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email } })) throw invalid({ email: { key: "validation.emailTaken" } });
    if (data.stationId && !(await tx.station.findUnique({ where: { id: data.stationId } }))) throw invalid({ stationId: { key: "validation.unknownStation" } });
    const user = await tx.user.create({
      data: { email: data.email, name: data.name, passwordHash, role: data.role, stationId: data.role === "OPERATOR" ? data.stationId : null, locale: data.locale },
      select: PUBLIC_FIELDS,
    });
    await writeAudit(tx, actor, { action: "create", entity: "User", entityId: user.id, after: user });
    return user;
  });
}

/**
 * ADMIN changes a user's role, station or active flag (fields left out keep their value). It applies on that
 * user's next request, and a real change ends their sessions (they sign in again under the new role).
 */
export async function updateUser(viewer: Viewer, userId: number, input: unknown) {
  authorize(viewer, "users.manage");
  assertId(userId);
  const data = parseInput(updateUserSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: PUBLIC_FIELDS });
    if (!before) throw notFound();
    const role = data.role ?? before.role;
    const merged = parseInput(mergedUserSchema, {
      role,
      stationId: role === "OPERATOR" ? (data.stationId === undefined ? before.stationId : data.stationId) : null,
      active: data.active ?? before.active,
    });
    // An admin cannot lock themselves out: the last way back in would be the database.
    if (userId === viewer.id && (merged.role !== "ADMIN" || !merged.active)) throw conflict({ key: "errors.selfDemotion" });
    if (merged.stationId && !(await tx.station.findUnique({ where: { id: merged.stationId } }))) throw invalid({ stationId: { key: "validation.unknownStation" } });
    const changed = merged.role !== before.role || merged.stationId !== before.stationId || merged.active !== before.active;
    if (!changed) return before;
    const after = await tx.user.update({
      where: { id: userId },
      data: { role: merged.role, stationId: merged.stationId, active: merged.active, sessionVersion: { increment: 1 } },
      select: PUBLIC_FIELDS,
    });
    await writeAudit(tx, viewer, { action: "update", entity: "User", entityId: userId, before, after });
    return after;
  });
}

/**
 * ADMIN sets a new password for another user: the one typed, or a generated one returned once. Ends every session
 * of that user. The audit row says it happened, never the password or its hash. An admin changes their own
 * password on the account page (it needs the current one).
 */
export async function resetPassword(viewer: Viewer, userId: number, input: unknown): Promise<{ password: string; generated: boolean }> {
  authorize(viewer, "users.manage");
  assertId(userId);
  const data = parseInput(resetPasswordSchema, input ?? {});
  if (userId === viewer.id) throw conflict({ key: "errors.resetOwnPassword" });
  const password = data.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw notFound();
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await writeAudit(tx, viewer, { action: "resetPassword", entity: "User", entityId: userId, after: { generated: !data.password } });
    return { password, generated: !data.password };
  });
}

/**
 * Any signed-in user changes their own password (the current one is required). Ends every session of theirs,
 * this one included: the caller signs them in again with the new password (app/(dashboard)/account/actions.ts).
 */
export async function changeOwnPassword(viewer: Viewer, input: unknown): Promise<void> {
  const data = parseInput(changeOwnPasswordSchema, input);
  const user = await db.user.findUnique({ where: { id: viewer.id } });
  if (!user || !user.active) throw notFound();
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) throw invalid({ currentPassword: { key: "validation.currentPasswordWrong" } });
  const passwordHash = await hashPassword(data.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await writeAudit(tx, viewer, { action: "changePassword", entity: "User", entityId: viewer.id });
  });
}

/** Any signed-in user remembers their own interface language: a preference, not a data change, so not audited. */
export async function setOwnLocale(viewer: Viewer, locale: unknown) {
  const value = parseInput(localeSchema, locale);
  if (value === viewer.locale) return;
  await db.user.update({ where: { id: viewer.id }, data: { locale: value } });
}

// 16 characters from an alphabet without look-alikes (0/O, 1/l/I), about 90 bits.
function generatePassword(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join("");
}
