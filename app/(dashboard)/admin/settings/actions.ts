"use server";

import { revalidatePath } from "next/cache";
import { formAction, type FormState } from "@/lib/api/form";
import { setExitThreshold, setMonitoringLine, setMonitoringThresholds, setPovertyLine } from "@/lib/settings";

export const setThresholdAction = formAction("settings.manage", async (viewer, _prev: FormState, formData: FormData) => {
  await setExitThreshold(viewer, { region: formData.get("region"), incidenceBelowPct: formData.get("incidenceBelowPct") });
  revalidatePath("/admin/settings");
});

export const setPovertyLineAction = formAction("settings.manage", async (viewer, _prev: FormState, formData: FormData) => {
  await setPovertyLine(viewer, { year: formData.get("year"), yuan: formData.get("yuan"), verified: formData.get("verified"), note: formData.get("note") });
  revalidatePath("/admin/settings");
});

export const setMonitoringLineAction = formAction("settings.manage", async (viewer, _prev: FormState, formData: FormData) => {
  await setMonitoringLine(viewer, { year: formData.get("year"), yuan: formData.get("yuan"), verified: formData.get("verified"), note: formData.get("note") });
  revalidatePath("/admin/settings");
});

export const setMonitoringThresholdsAction = formAction("settings.manage", async (viewer, _prev: FormState, formData: FormData) => {
  const field = (k: string) => formData.get(k);
  await setMonitoringThresholds(viewer, { bandPct: field("bandPct"), ecomDropPct: field("ecomDropPct"), ecomSharePct: field("ecomSharePct"), noSaleDays: field("noSaleDays"), regularMonths: field("regularMonths") });
  revalidatePath("/admin/settings");
});
