"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import { useFormAction } from "@/components/network/use-form-action";
import type { FormState } from "@/lib/api/form";
import type { StationStatus } from "@/lib/generated/prisma/enums";
import { changeStationStatusAction } from "../actions";

/** Suspend or close (with a reason), or reopen. The pressed button carries the new status. */
export function StatusForm({ stationId, version, status }: { stationId: number; version: number; status: StationStatus }) {
  const t = useTranslations("stations");
  const { state, onSubmit, pending } = useFormAction<FormState>(changeStationStatusAction.bind(null, stationId), {});
  return (
    <form key={version} onSubmit={onSubmit} className="space-y-3" noValidate>
      {state.ok ? <Alert tone="success">{t("statusChanged")}</Alert> : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="version" value={version} />
      <Field label={t("reason")} htmlFor="statusReason" error={state.fields?.statusReason}>
        <Textarea id="statusReason" name="statusReason" rows={2} maxLength={500} invalid={!!state.fields?.statusReason} />
      </Field>
      <div className="flex flex-wrap gap-2">
        {status === "ACTIVE" ? <Button type="submit" name="status" value="SUSPENDED" variant="secondary" disabled={pending}>{t("suspend")}</Button> : null}
        {status !== "ACTIVE" ? <Button type="submit" name="status" value="ACTIVE" disabled={pending}>{t("reopen")}</Button> : null}
        {status !== "CLOSED" ? <Button type="submit" name="status" value="CLOSED" variant="danger" disabled={pending}>{t("close")}</Button> : null}
      </div>
    </form>
  );
}
