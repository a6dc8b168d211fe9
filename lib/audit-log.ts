import { z } from "zod";
import { db } from "./db";
import { parseInput } from "./errors";
import { assertRole, type Viewer } from "./auth/viewer";

export const auditQuerySchema = z.object({
  entity: z.string().trim().max(50).optional().transform((v) => v || undefined),
  actor: z.string().trim().max(254).optional().transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

const PAGE_SIZE = 50;

/** ADMIN browses the audit log, newest first. */
export async function listAuditLog(viewer: Viewer, query: unknown) {
  assertRole(viewer, "ADMIN");
  const q = parseInput(auditQuerySchema, query);
  const where = { entity: q.entity, actor: q.actor ? { contains: q.actor } : undefined };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (q.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total, page: q.page, pageSize: PAGE_SIZE };
}
