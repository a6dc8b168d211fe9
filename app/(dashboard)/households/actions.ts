"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, viewerAction, type FormState } from "@/lib/api/form";
import { changeHouseholdStatus, createHousehold, nextHouseholdCode, searchHouseholds, updateHousehold } from "@/lib/households";
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

export const createHouseholdAction = formAction(
  "households.create",
  async (viewer, _prev: HouseholdFormState, formData: FormData) => {
    const created = await createHousehold(viewer, householdInput(formData));
    revalidatePath("/households");
    redirect(`/households/${created.id}`);
  },
  (state, _prev, formData) => ({ ...state, values: householdInput(formData) }) as HouseholdFormState,
);

export const updateHouseholdAction = formAction(
  "households.update",
  async (viewer, id: number, _prev: HouseholdFormState, formData: FormData) => {
    await updateHousehold(viewer, id, householdInput(formData));
    revalidatePath(`/households/${id}`);
    revalidatePath("/households");
    redirect(`/households/${id}?saved=1`);
  },
  (state, _id, _prev, formData) => ({ ...state, values: householdInput(formData) }) as HouseholdFormState,
);

const statusFormValues = (formData: FormData) => ({ toStatus: formData.get("toStatus"), year: formData.get("year"), reason: formData.get("reason") });

/** The status form: it shows a year field only for a POOR household, and then the year is required (no default). */
export const changeStatusAction = formAction<{ values: Record<string, string> }, [number, FormState, FormData]>(
  "households.changeStatus",
  async (viewer, id, _prev, formData) => {
    await changeHouseholdStatus(viewer, id, statusFormValues(formData), { yearRequired: formData.has("year") });
    revalidatePath(`/households/${id}`);
  },
  // A refused change hands back what was chosen, so the form shows it with the errors.
  (state, _id, _prev, formData) => (state.ok ? state : { ...state, values: Object.fromEntries(Object.entries(statusFormValues(formData)).map(([k, v]) => [k, typeof v === "string" ? v : ""])) }),
);

/** The household picker of the quick entry form. */
export const searchHouseholdsAction = viewerAction("households.read", async (viewer, q: string) => {
  if (typeof q !== "string" || !q.trim()) return [];
  return searchHouseholds(viewer, { q: q.slice(0, 50) });
});

/** The household form's code suggestion: the next free code of the chosen village (the rule: lib/households/codes.ts). */
export const suggestHouseholdCodeAction = viewerAction("households.create", async (viewer, villageId: number, stationId?: number) => {
  const { code } = await nextHouseholdCode(viewer, { villageId, stationId });
  return code;
});
