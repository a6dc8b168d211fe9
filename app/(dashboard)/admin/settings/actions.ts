"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runFormAction, type FormState } from "@/lib/api/form";
import { setExitThreshold, setPovertyLine } from "@/lib/settings";

export async function setThresholdAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const viewer = await requireUser();
    await setExitThreshold(viewer, { region: formData.get("region"), incidenceBelowPct: formData.get("incidenceBelowPct") });
    revalidatePath("/admin/settings");
  });
}

export async function setPovertyLineAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const viewer = await requireUser();
    await setPovertyLine(viewer, { year: formData.get("year"), yuan: formData.get("yuan"), verified: formData.get("verified"), note: formData.get("note") });
    revalidatePath("/admin/settings");
  });
}
