import type { Prisma } from "./generated/prisma/client";
import type { Viewer } from "./auth/viewer";

type Tx = Prisma.TransactionClient;

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** Writes one audit row. Call it with the transaction client of the mutation it records, so both commit together. */
export async function writeAudit(tx: Tx, actor: Viewer | "system", entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      userId: actor === "system" ? null : actor.id,
      actor: actor === "system" ? "system" : actor.email,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

// Dates and BigInts are not JSON; store them as strings so the log keeps exactly what changed.
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}
