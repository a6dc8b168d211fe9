import { apiRoute } from "@/lib/api/respond";
import { listIncomeEntries } from "@/lib/income";

/** GET: the ledger (householdId, q, stationId, category, source, from, to, page, pageSize) with count and net total. */
export const GET = apiRoute(async ({ request, viewer }) => {
  const { rows, total, sumFen, page, pageSize } = await listIncomeEntries(viewer, Object.fromEntries(new URL(request.url).searchParams));
  return { entries: rows, total, sumFen, page, pageSize };
});
