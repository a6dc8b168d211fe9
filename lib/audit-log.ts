import { z } from "zod";
import { db } from "./db";
import { parseInput } from "./errors";
import { authorize } from "./auth/policy";
import type { Viewer } from "./auth/viewer";
import { likeEscape, optionalText, pageSchema } from "./validation/primitives";

export const auditQuerySchema = z.object({
  entity: optionalText(50),
  actor: optionalText(254),
  page: pageSchema,
});

const PAGE_SIZE = 50;

/** ADMIN browses the audit log, newest first. */
export async function listAuditLog(viewer: Viewer, query: unknown) {
  authorize(viewer, "audit.read");
  const q = parseInput(auditQuerySchema, query);
  const where = { entity: q.entity, actor: q.actor ? { contains: likeEscape(q.actor) } : undefined };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (q.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total, page: q.page, pageSize: PAGE_SIZE };
}
