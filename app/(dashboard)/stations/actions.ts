"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, type FormState } from "@/lib/api/form";
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

export const createStationAction = formAction("stations.create", async (viewer, _prev: FormState, formData: FormData) => {
  const station = await createStation(viewer, stationInput(formData));
  revalidatePath("/stations");
  redirect(`/stations/${station.id}?created=1`);
});

export const updateStationAction = formAction("stations.update", async (viewer, id: number, _prev: FormState, formData: FormData) => {
  await updateStation(viewer, id, stationInput(formData));
  revalidatePath("/stations");
  revalidatePath(`/stations/${id}`);
  redirect(`/stations/${id}?saved=1`);
});

/** Suspend, close or reopen: the button pressed names the new status. */
export const changeStationStatusAction = formAction("stations.manage", async (viewer, id: number, _prev: FormState, formData: FormData) => {
  await updateStation(viewer, id, { version: formData.get("version"), status: formData.get("status"), statusReason: formData.get("statusReason") });
  revalidatePath("/stations");
  revalidatePath(`/stations/${id}`);
});

export const recordTrainingAction = formAction("trainings.create", async (viewer, _prev: FormState, formData: FormData) => {
  const training = await recordTraining(viewer, {
    stationId: formData.get("stationId"), date: formData.get("date"), topic: formData.get("topic"),
    attendeeCount: formData.get("attendeeCount"), householdIds: formData.getAll("householdIds"),
  });
  revalidatePath("/stations/trainings");
  redirect(`/stations/trainings?stationId=${training.station.id}&recorded=1`);
});
