"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { formAction, type FormState } from "@/lib/api/form";
import { changeCase, openCase, reportHardship } from "@/lib/monitoring";

const text = (formData: FormData, key: string) => {
  const v = formData.get(key);
  return typeof v === "string" ? v : undefined;
};

/** Reports a household's sudden hardship (household page). */
export const reportHardshipAction = formAction("hardships.report", async (viewer, householdId: number, _prev: FormState, formData: FormData) => {
  await reportHardship(viewer, householdId, { type: text(formData, "type"), date: text(formData, "date"), amount: text(formData, "amount"), note: text(formData, "note") }, { form: true });
  revalidatePath(`/households/${householdId}`);
});

/** Opens a case (from a warning or directly) and goes to it. */
export const openCaseAction = formAction("monitoring.manage", async (viewer, _prev: FormState, formData: FormData) => {
  const created = await openCase(viewer, {
    householdId: text(formData, "householdId"), type: text(formData, "type"), riskTypes: formData.getAll("riskTypes"),
    openedOn: text(formData, "openedOn"), warningRule: text(formData, "warningRule"), warningYear: text(formData, "warningYear"), note: text(formData, "note"),
  });
  revalidatePath("/monitoring");
  redirect(`/monitoring/cases/${created.id}`);
});

/** One change to a case: a step, a measure, or closing it. */
export const changeCaseAction = formAction("monitoring.manage", async (viewer, caseId: number, _prev: FormState, formData: FormData) => {
  const fields = Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")));
  await changeCase(viewer, caseId, fields);
  revalidatePath(`/monitoring/cases/${caseId}`);
  revalidatePath("/monitoring");
});
