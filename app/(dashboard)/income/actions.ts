"use server";

import { revalidatePath } from "next/cache";
import { formAction, type FormState } from "@/lib/api/form";
import { createIncomeEntry, reverseIncomeEntry, type IncomeEntryDto } from "@/lib/income";

export type EntryInput = { householdId: string; date: string; category: string; source: string; amount: string; note: string };

/** The quick entry form calls this directly (it keeps its own field state between entries). */
export const createIncomeAction = formAction<{ entry: IncomeEntryDto }, [EntryInput]>("income.create", async (viewer, input) => {
  // No revalidatePath: it would refresh the entry page after every save (the pages that show entries are dynamic).
  return { entry: await createIncomeEntry(viewer, input) };
});

export const reverseEntryAction = formAction("income.reverse", async (viewer, entryId: number, _prev: FormState, formData: FormData) => {
  const reversal = await reverseIncomeEntry(viewer, entryId, { reason: formData.get("reason") });
  revalidatePath(`/households/${reversal.householdId}`);
  revalidatePath("/income");
});
