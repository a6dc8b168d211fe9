import { apiRoute } from "@/lib/api/respond";
import { toLocale } from "@/lib/i18n";
import { fileResponse } from "@/lib/import/export";
import { reportForApi } from "@/lib/reports/files";

/**
 * GET ?kind=annual|monthly|period&year=YYYY&month=YYYY-MM&from=YYYY-MM&to=YYYY-MM&station=CODE&format=json|xlsx|csv: an
 * annual, monthly or any-period (whole months, e.g. 2019-07 to 2020-06) report for the county or one station (an
 * OPERATOR: the county's or their own station's), as JSON or as a download.
 */
export const GET = apiRoute("reports.read", async ({ request, viewer }) => {
  const result = await reportForApi(viewer, Object.fromEntries(new URL(request.url).searchParams), toLocale(viewer.locale));
  return "file" in result ? fileResponse(result.file) : result.report;
});
