import { apiRoute, jsonBody } from "@/lib/api/respond";
import { reverseSale } from "@/lib/sales";

/** POST {reason} → 201 with the reversed sale: each payout gets a reversing ledger entry. Already reversed → 409. */
export const POST = apiRoute<{ id: string }>("sales.reverse", async ({ request, viewer, params }) => reverseSale(viewer, Number(params.id), await jsonBody(request)), { status: 201 });
