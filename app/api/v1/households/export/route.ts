import { apiRoute } from "@/lib/api/respond";
import { toLocale } from "@/lib/i18n";
import { exportHouseholds, fileResponse } from "@/lib/import/export";

/** GET ?format=csv|xlsx plus the list's filters: the filtered list as a file (personal data masked). */
export const GET = apiRoute("households.export", async ({ request, viewer }) =>
  fileResponse(await exportHouseholds(viewer, Object.fromEntries(new URL(request.url).searchParams), toLocale(viewer.locale))));
