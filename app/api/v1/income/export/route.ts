import { apiRoute } from "@/lib/api/respond";
import { toLocale } from "@/lib/i18n";
import { exportIncome, fileResponse } from "@/lib/import/export";

/** GET ?format=csv|xlsx plus the list's filters: the filtered list as a file (personal data masked). */
export const GET = apiRoute("income.export", async ({ request, viewer }) =>
  fileResponse(await exportIncome(viewer, Object.fromEntries(new URL(request.url).searchParams), toLocale(viewer.locale))));
