import { apiRoute, jsonBody, listEnvelope, queryOf } from "@/lib/api/respond";
import { createIncomeEntry, listHouseholdIncome } from "@/lib/income";

/** GET: the household's ledger, newest first, with the ledger filters (category, source, from, to, page, pageSize). */
export const GET = apiRoute<{ id: string }>("income.read", async ({ request, viewer, params }) => {
  const { rows, total, sumFen, page, pageSize } = await listHouseholdIncome(viewer, Number(params.id), queryOf(request));
  return listEnvelope({ items: rows, total, page, pageSize }, "entries", { sumFen });
});
/** POST: one entry {date, category, source, amountFen, note?}; the household is the one in the path. Idempotency-Key accepted. */
export const POST = apiRoute<{ id: string }>("income.create", async ({ request, viewer, params, idempotency }) => {
  const body = await jsonBody(request);
  const input = { ...(body && typeof body === "object" ? body : {}), householdId: params.id };
  return createIncomeEntry(viewer, input, { idempotency: idempotency(input) });
}, { status: 201 });
