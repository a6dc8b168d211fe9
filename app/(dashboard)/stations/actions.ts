"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { runFormAction, type FormState } from "@/lib/api/form";
import { createStation, updateStation } from "@/lib/stations";
import { recordTraining } from "@/lib/trainings";

const STATION_FIELDS = ["code", "name", "level", "townshipId", "villageId", "operatorName", "phone", "openedOn"] as const;

/** The station form as lib input. The contact form (an OPERATOR's) sends only operatorName and phone. */
function stationInput(formData: FormData) {
  const input: Record<string, unknown> = {};
  for (const k of STATION_FIELDS) if (formData.has(k)) input[k] = formData.get(k);
  if (formData.has("servicesShown")) input.services = formData.getAll("services");
  if (formData.has("coveredShown")) input.coveredVillageIds = formData.getAll("coveredVillageIds");
  if (formData.has("version")) input.version = formData.get("version");
  return input;
}

export async function createStationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction<{ id: number }>(async () => {
    const viewer = await requireUser();
    const station = await createStation(viewer, stationInput(formData));
    revalidatePath("/stations");
    return { id: station.id };
  });
  if (state.ok && state.id) redirect(`/stations/${state.id}?created=1`);
  return state;
}

export async function updateStationAction(id: number, _prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(async () => {
    const viewer = await requireUser();
    await updateStation(viewer, id, stationInput(formData));
    revalidatePath("/stations");
    revalidatePath(`/stations/${id}`);
  });
  if (state.ok) redirect(`/stations/${id}?saved=1`);
  return state;
}

/** Suspend, close or reopen: the button pressed names the new status. */
export async function changeStationStatusAction(id: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const viewer = await requireUser();
    await updateStation(viewer, id, { version: formData.get("version"), status: formData.get("status"), statusReason: formData.get("statusReason") });
    revalidatePath("/stations");
    revalidatePath(`/stations/${id}`);
  });
}

export async function recordTrainingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction<{ stationId: number }>(async () => {
    const viewer = await requireUser();
    const training = await recordTraining(viewer, {
      stationId: formData.get("stationId"), date: formData.get("date"), topic: formData.get("topic"),
      attendeeCount: formData.get("attendeeCount"), householdIds: formData.getAll("householdIds"),
    });
    revalidatePath("/stations/trainings");
    return { stationId: training.station.id };
  });
  if (state.ok && state.stationId) redirect(`/stations/trainings?stationId=${state.stationId}&recorded=1`);
  return state;
}
