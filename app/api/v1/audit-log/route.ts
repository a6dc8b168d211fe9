import { apiRoute } from "@/lib/api/respond";
import { listAuditLog } from "@/lib/audit-log";

export const GET = apiRoute(async ({ request, viewer }) => listAuditLog(viewer, Object.fromEntries(new URL(request.url).searchParams)));
