import { apiRoute, listEnvelope, queryOf } from "@/lib/api/respond";
import { listIncomeEntries } from "@/lib/income";

/** GET: the ledger (householdId, q, stationId, category, source, from, to, page, pageSize) with count and net total. */
export const GET = apiRoute("income.read", async ({ request, viewer }) => {
  const { rows, total, sumFen, page, pageSize } = await listIncomeEntries(viewer, queryOf(request));
  return listEnvelope({ items: rows, total, page, pageSize }, "entries", { sumFen });
});
