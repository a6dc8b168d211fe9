import { apiRoute, listEnvelope, queryOf } from "@/lib/api/respond";
import { listAuditLog } from "@/lib/audit-log";

export const GET = apiRoute("audit.read", async ({ request, viewer }) => {
  const { rows, total, page, pageSize } = await listAuditLog(viewer, queryOf(request));
  return listEnvelope({ items: rows, total, page, pageSize }, "rows");
});
