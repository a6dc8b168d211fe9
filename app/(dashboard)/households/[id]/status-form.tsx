"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import type { FormState } from "@/lib/api/form";
import { changeStatusAction } from "../actions";

/** Status change for ADMIN and STAFF: the allowed next statuses only; an exit names the assessed year. */
export function StatusForm({ householdId, status, targets, defaultYear }: { householdId: number; status: string; targets: string[]; defaultYear: number }) {
  const t = useTranslations("households");
  const tEnum = useTranslations("enums");
  const [state, action, pending] = useActionState<FormState, FormData>(changeStatusAction.bind(null, householdId), {});
  return (
    <form action={action} className="space-y-3" key={status}>
      {state.ok ? <Alert tone="success">{t("statusChanged")}</Alert> : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("toStatus")} htmlFor="toStatus" error={state.fields?.toStatus}>
          <Select id="toStatus" name="toStatus" defaultValue={targets[0]}>
            {targets.map((s) => <option key={s} value={s}>{tEnum(`HouseholdStatus.${s}`)}</option>)}
          </Select>
        </Field>
        {status === "POOR" ? (
          <Field label={t("exitYearAssessed")} htmlFor="status-year" error={state.fields?.year}>
            <Input id="status-year" name="year" type="number" inputMode="numeric" defaultValue={defaultYear} />
          </Field>
        ) : null}
      </div>
      <Field label={t("reason")} htmlFor="status-reason" error={state.fields?.reason}>
        <Textarea id="status-reason" name="reason" rows={2} maxLength={500} required invalid={!!state.fields?.reason} />
      </Field>
      <Button type="submit" disabled={pending}>{t("changeStatus")}</Button>
    </form>
  );
}
