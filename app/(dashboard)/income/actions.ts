"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runFormAction, type FormState } from "@/lib/api/form";
import { createIncomeEntry, reverseIncomeEntry, type IncomeEntryDto } from "@/lib/income";

export type EntryInput = { householdId: string; date: string; category: string; source: string; amount: string; note: string };

/** The quick entry form calls this directly (it keeps its own field state between entries). */
export async function createIncomeAction(input: EntryInput): Promise<FormState<{ entry: IncomeEntryDto }>> {
  return runFormAction<{ entry: IncomeEntryDto }>(async () => {
    const viewer = await requireUser();
    // No revalidatePath: it would refresh the entry page after every save (the pages that show entries are dynamic).
    return { entry: await createIncomeEntry(viewer, input) };
  });
}

export async function reverseEntryAction(entryId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const viewer = await requireUser();
    const reversal = await reverseIncomeEntry(viewer, entryId, { reason: formData.get("reason") });
    revalidatePath(`/households/${reversal.householdId}`);
    revalidatePath("/income");
  });
}
