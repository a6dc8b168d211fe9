import { apiRoute, jsonBody } from "@/lib/api/respond";
import { reverseIncomeEntry } from "@/lib/income";

/** POST {reason}: appends the reversing entry (201). A reversal cannot be reversed; an entry is reversed once (409). */
export const POST = apiRoute<{ id: string }>("income.reverse", async ({ request, viewer, params }) => reverseIncomeEntry(viewer, Number(params.id), await jsonBody(request)), { status: 201 });
