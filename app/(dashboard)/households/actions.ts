"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { runFormAction, type FormState } from "@/lib/api/form";
import { changeHouseholdStatus, createHousehold, searchHouseholds, updateHousehold } from "@/lib/households";
import { GUARANTEES } from "@/lib/validation/households";

const TEXT_FIELDS = ["code", "villageId", "stationId", "headName", "idNumber", "phone", "size", "type", "registeredYear", "status", "exitYear", "version"] as const;

/** The household form's values as the lib input (checkboxes → booleans, causes → a list), plus the raw text to refill the form. */
function householdInput(formData: FormData) {
  const input: Record<string, unknown> = {};
  for (const k of TEXT_FIELDS) if (formData.has(k)) input[k] = formData.get(k);
  input.causes = formData.getAll("causes");
  for (const g of GUARANTEES) input[g] = formData.get(g) === "on";
  return input;
}

export type HouseholdFormState = FormState<{ id: number; values: Record<string, unknown> }>;

export async function createHouseholdAction(_prev: HouseholdFormState, formData: FormData): Promise<HouseholdFormState> {
  const input = householdInput(formData);
  const state = await runFormAction<{ id: number }>(async () => {
    const viewer = await requireUser();
    const created = await createHousehold(viewer, input);
    revalidatePath("/households");
    return { id: created.id };
  });
  // redirect() works by throwing, so it runs after runFormAction (which would catch it).
  if (state.ok && state.id) redirect(`/households/${state.id}`);
  return { ...state, values: input };
}

export async function updateHouseholdAction(id: number, _prev: HouseholdFormState, formData: FormData): Promise<HouseholdFormState> {
  const input = householdInput(formData);
  const state = await runFormAction<{ id: number }>(async () => {
    const viewer = await requireUser();
    await updateHousehold(viewer, id, input);
    revalidatePath(`/households/${id}`);
    revalidatePath("/households");
    return { id };
  });
  if (state.ok) redirect(`/households/${id}?saved=1`);
  return { ...state, values: input };
}

export async function changeStatusAction(id: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const viewer = await requireUser();
    await changeHouseholdStatus(viewer, id, { toStatus: formData.get("toStatus"), year: formData.get("year"), reason: formData.get("reason") });
    revalidatePath(`/households/${id}`);
  });
}

/** The household picker of the quick entry form. */
export async function searchHouseholdsAction(q: string) {
  const viewer = await requireUser();
  if (!q.trim()) return [];
  return searchHouseholds(viewer, { q: q.slice(0, 50) });
}
