import { apiRoute } from "@/lib/api/respond";
import { toLocale } from "@/lib/i18n";
import { importHouseholds } from "@/lib/import/households";
import { runImport, uploadedBytes } from "@/lib/import/upload";

/**
 * POST a CSV or XLSX file (multipart field "file", or the raw body). Without ?commit=1 it only validates and answers
 * the per-row report; with it, it writes everything or nothing (and re-importing the same file writes nothing).
 */
export const POST = apiRoute("households.import", async ({ request, viewer }) => {
  const commit = new URL(request.url).searchParams.get("commit") === "1";
  const bytes = await uploadedBytes(request);
  return runImport(toLocale(viewer.locale), () => importHouseholds(viewer, bytes, { commit }));
});
