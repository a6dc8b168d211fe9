import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import { writeAudit } from "../audit";
import { notFound, parseInput } from "../errors";
import { authorize } from "./policy";
import type { Viewer } from "./viewer";
import { loadViewer } from "./credentials";

const TOKEN_PATTERN = /^rs_[A-Za-z0-9_-]{43}$/;

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  userId: z.coerce.number().int().positive(),
});

/** ADMIN only. Returns the secret once; only its sha256 is stored. */
export async function createApiToken(viewer: Viewer, input: unknown) {
  authorize(viewer, "tokens.manage");
  const data = parseInput(createTokenSchema, input);
  const secret = `rs_${randomBytes(32).toString("base64url")}`;
  return db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: data.userId } });
    if (!owner) throw notFound();
    const token = await tx.apiToken.create({
      data: { name: data.name, userId: owner.id, createdById: viewer.id, prefix: secret.slice(0, 10), tokenHash: hashToken(secret) },
    });
    await writeAudit(tx, viewer, { action: "create", entity: "ApiToken", entityId: token.id, after: { name: token.name, userId: owner.id, prefix: token.prefix } });
    return { id: token.id, name: token.name, prefix: token.prefix, secret };
  });
}

export async function revokeApiToken(viewer: Viewer, tokenId: number) {
  authorize(viewer, "tokens.manage");
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!token) throw notFound();
    if (token.revokedAt) return token;
    const revoked = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await writeAudit(tx, viewer, { action: "revoke", entity: "ApiToken", entityId: tokenId, before: { revokedAt: null }, after: { revokedAt: revoked.revokedAt } });
    return revoked;
  });
}

export async function listApiTokens(viewer: Viewer) {
  authorize(viewer, "tokens.manage");
  return db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, user: { select: { email: true, role: true } } },
  });
}

/** The user behind a bearer token, or null when the token is malformed, unknown, revoked or its user inactive. */
export async function viewerForToken(secret: string): Promise<Viewer | null> {
  if (!TOKEN_PATTERN.test(secret)) return null;
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashToken(secret) } });
  if (!token || token.revokedAt) return null;
  // Record use at most once a minute, so reads do not turn into writes.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return loadViewer(token.userId);
}
