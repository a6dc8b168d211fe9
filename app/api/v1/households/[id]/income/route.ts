import { apiRoute, jsonBody } from "@/lib/api/respond";
import { createIncomeEntry, listHouseholdIncome } from "@/lib/income";

/** GET: the household's ledger, newest first, with the ledger filters (category, source, from, to, page, pageSize). */
export const GET = apiRoute<{ id: string }>(async ({ request, viewer, params }) => {
  const { rows, total, sumFen, page, pageSize } = await listHouseholdIncome(viewer, Number(params.id), Object.fromEntries(new URL(request.url).searchParams));
  return { entries: rows, total, sumFen, page, pageSize };
});
/** POST: one entry {date, category, source, amountFen, note?}; the household is the one in the path. */
export const POST = apiRoute<{ id: string }>(async ({ request, viewer, params }) => {
  const body = await jsonBody(request);
  return createIncomeEntry(viewer, { ...(body && typeof body === "object" ? body : {}), householdId: params.id });
}, { status: 201 });
