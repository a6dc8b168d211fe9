"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, OtherFieldErrors, RequiredNote } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import { StationField } from "@/components/network/station-field";
import { HouseholdPicker } from "@/components/network/household-picker";
import { useFormAction } from "@/components/network/use-form-action";
import type { FormState } from "@/lib/api/form";
import { recordTrainingAction } from "../../actions";
import { searchSuppliersAction } from "../../../sales/actions";

export function TrainingForm({ today, stationId, stationLocked, stations }: { today: string; stationId: number | null; stationLocked: boolean; stations: { id: number; label: string }[] }) {
  const t = useTranslations("trainings");
  const tCommon = useTranslations("common");
  const { state, onSubmit, pending } = useFormAction<FormState>(recordTrainingAction, {});
  const [station, setStation] = useState<number | null>(stationId);
  const fe = state.fields ?? {};
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <OtherFieldErrors fields={fe} shown={["stationId", "date", "topic", "attendeeCount", "householdIds", "householdIds."]} />
      <RequiredNote text={tCommon("requiredNote")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <StationField label={t("station")} stations={stations} value={station} onChange={setStation} locked={stationLocked} error={fe.stationId} required />
        <Field label={t("date")} htmlFor="date" error={fe.date} required>
          <Input id="date" name="date" type="date" max={today} defaultValue={today} invalid={!!fe.date} aria-required="true" />
        </Field>
        <Field label={t("topic")} htmlFor="topic" error={fe.topic} className="sm:col-span-2" required>
          <Input id="topic" name="topic" maxLength={200} invalid={!!fe.topic} aria-required="true" />
        </Field>
        <Field label={t("attendeeCount")} htmlFor="attendeeCount" error={fe.attendeeCount} required>
          <Input id="attendeeCount" name="attendeeCount" inputMode="numeric" invalid={!!fe.attendeeCount} aria-required="true" autoComplete="off" />
          <p className="text-xs text-slate-500">{t("attendeeHint")}</p>
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">{t("households")}</legend>
        <HouseholdPicker search={searchSuppliersAction} stationId={station} idName="householdIds" errors={fe} errorPrefix="householdIds" label={t("households")} />
      </fieldset>
      <Button type="submit" disabled={pending}>{t("save")}</Button>
    </form>
  );
}
