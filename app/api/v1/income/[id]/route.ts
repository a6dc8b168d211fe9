import { apiRoute } from "@/lib/api/respond";
import { getIncomeEntry } from "@/lib/income";

// GET only: the ledger is append-only, so there is no PATCH or DELETE here (Next answers 405). Corrections are reversals.
export const GET = apiRoute<{ id: string }>("income.read", async ({ viewer, params }) => getIncomeEntry(viewer, Number(params.id)));
