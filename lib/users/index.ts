import { db } from "../db";
import { writeAudit } from "../audit";
import { conflict, invalid, notFound, parseInput } from "../errors";
import { hashPassword } from "../auth/password";
import { authorize } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { createUserSchema, updateUserSchema } from "../validation/users";
import { localeSchema } from "../validation/auth";

const PUBLIC_FIELDS = { id: true, email: true, name: true, role: true, stationId: true, locale: true, active: true, createdAt: true } as const;

export async function listUsers(viewer: Viewer) {
  authorize(viewer, "users.manage");
  return db.user.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }], select: { ...PUBLIC_FIELDS, station: { select: { code: true, name: true } } } });
}

export async function getUser(viewer: Viewer, userId: number) {
  authorize(viewer, "users.manage");
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

/** ADMIN changes a user's role, station or active flag; it applies on that user's next request. */
export async function updateUser(viewer: Viewer, userId: number, input: unknown) {
  authorize(viewer, "users.manage");
  const data = parseInput(updateUserSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: PUBLIC_FIELDS });
    if (!before) throw notFound();
    // An admin cannot lock themselves out: the last way back in would be the database.
    if (userId === viewer.id && (data.role !== "ADMIN" || !data.active)) throw conflict({ key: "errors.selfDemotion" });
    if (data.stationId && !(await tx.station.findUnique({ where: { id: data.stationId } }))) throw invalid({ stationId: { key: "validation.unknownStation" } });
    const after = await tx.user.update({
      where: { id: userId },
      data: { role: data.role, stationId: data.role === "OPERATOR" ? data.stationId : null, active: data.active },
      select: PUBLIC_FIELDS,
    });
    await writeAudit(tx, viewer, { action: "update", entity: "User", entityId: userId, before, after });
    return after;
  });
}

/** Any signed-in user remembers their own interface language. */
export async function setOwnLocale(viewer: Viewer, locale: unknown) {
  const value = parseInput(localeSchema, locale);
  if (value === viewer.locale) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { locale: value } });
    await writeAudit(tx, viewer, { action: "setLocale", entity: "User", entityId: viewer.id, before: { locale: viewer.locale }, after: { locale: value } });
  });
}
