"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, RequiredNote, Select, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import type { FormState } from "@/lib/api/form";
import { changeStatusAction } from "../actions";

export type StatusYear = { year: number; eligible: boolean; hasLine: boolean };

/**
 * Status change for ADMIN and STAFF: the allowed next statuses only; an exit names the assessed year. Nothing is
 * preselected: an exit is a decision, and the form must not make it for the user (both are required fields).
 */
export function StatusForm({ householdId, status, targets, years }: { householdId: number; status: string; targets: string[]; years: StatusYear[] }) {
  const t = useTranslations("households");
  const tEnum = useTranslations("enums");
  const tCommon = useTranslations("common");
  const [state, action, pending] = useActionState<FormState<{ values: Record<string, string> }>, FormData>(changeStatusAction.bind(null, householdId), {});
  const fe = state.fields ?? {};
  const values = state.values ?? {};
  return (
    <form action={action} className="space-y-3" key={`${status}-${JSON.stringify(state)}`} noValidate>
      {state.ok ? <Alert tone="success">{t("statusChanged")}</Alert> : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <RequiredNote text={tCommon("requiredNote")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("toStatus")} htmlFor="toStatus" error={fe.toStatus} required>
          <Select id="toStatus" name="toStatus" defaultValue={state.ok ? "" : (values.toStatus ?? "")} aria-required="true" invalid={!!fe.toStatus}
            aria-describedby={fe.toStatus ? "toStatus-error" : undefined}>
            <option value="">{t("chooseStatus")}</option>
            {targets.map((s) => <option key={s} value={s}>{tEnum(`HouseholdStatus.${s}`)}</option>)}
          </Select>
        </Field>
        {status === "POOR" ? (
          <Field label={t("exitYearAssessed")} htmlFor="status-year" error={fe.year} required>
            <Select id="status-year" name="year" defaultValue={state.ok ? "" : (values.year ?? "")} aria-required="true" invalid={!!fe.year}
              aria-describedby={fe.year ? "status-year-error" : undefined}>
              <option value="">{t("chooseYear")}</option>
              {years.map((y) => (
                <option key={y.year} value={y.year}>
                  {y.year} · {y.eligible ? t("eligible") : y.hasLine ? t("notEligible") : t("noLine")}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </div>
      <Field label={t("reason")} htmlFor="status-reason" error={fe.reason} required>
        <Textarea id="status-reason" name="reason" rows={2} maxLength={500} aria-required="true" defaultValue={state.ok ? "" : (values.reason ?? "")}
          invalid={!!fe.reason} aria-describedby={fe.reason ? "status-reason-error" : undefined} />
      </Field>
      <Button type="submit" disabled={pending}>{t("changeStatus")}</Button>
    </form>
  );
}
