"use client";

// The monitoring forms: a hardship report (household page), opening a case, and a case's step, measure and closing.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, OtherFieldErrors, Select, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import type { FormState } from "@/lib/api/form";
import { CASE_TYPES, HARDSHIP_TYPES, MEASURE_KINDS, RISK_TYPES } from "@/lib/validation/monitoring";
import { changeCaseAction, openCaseAction, reportHardshipAction } from "@/app/(dashboard)/monitoring/actions";

function Errors({ state, shown }: { state: FormState; shown: string[] }) {
  return (
    <>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <OtherFieldErrors fields={state.fields} shown={shown} />
    </>
  );
}

export function HardshipForm({ householdId, today }: { householdId: number; today: string }) {
  const t = useTranslations("monitoring.hardships");
  const tEnum = useTranslations("enums");
  const [state, action, pending] = useActionState<FormState, FormData>(reportHardshipAction.bind(null, householdId), {});
  const fe = state.fields ?? {};
  return (
    <form action={action} className="space-y-3" key={state.ok ? "done" : "form"} noValidate>
      {state.ok ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Errors state={state} shown={["type", "date", "amount", "note"]} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t("type")} htmlFor="hardship-type" error={fe.type} required>
          <Select id="hardship-type" name="type" defaultValue="" invalid={!!fe.type}>
            <option value="" />
            {HARDSHIP_TYPES.map((k) => <option key={k} value={k}>{tEnum(`HardshipType.${k}`)}</option>)}
          </Select>
        </Field>
        <Field label={t("date")} htmlFor="hardship-date" error={fe.date} required>
          <Input id="hardship-date" name="date" type="date" max={today} defaultValue={today} invalid={!!fe.date} />
        </Field>
        <Field label={t("amount")} htmlFor="hardship-amount" error={fe.amount ?? fe.amountFen}>
          <Input id="hardship-amount" name="amount" inputMode="decimal" invalid={!!(fe.amount ?? fe.amountFen)} />
        </Field>
      </div>
      <Field label={t("note")} htmlFor="hardship-note" error={fe.note}>
        <Textarea id="hardship-note" name="note" rows={2} maxLength={500} />
      </Field>
      <Button type="submit" disabled={pending}>{t("report")}</Button>
    </form>
  );
}

export function OpenCaseForm({ householdId, warningRule, warningYear, today, suggestedType }: { householdId: number; warningRule?: string; warningYear?: number; today: string; suggestedType: string }) {
  const t = useTranslations("monitoring.cases");
  const tEnum = useTranslations("enums");
  const [state, action, pending] = useActionState<FormState, FormData>(openCaseAction, {});
  const fe = state.fields ?? {};
  return (
    <form action={action} className="space-y-3" noValidate>
      <Errors state={state} shown={["type", "riskTypes", "openedOn", "note"]} />
      <input type="hidden" name="householdId" value={householdId} />
      {warningRule && warningYear ? (
        <>
          <input type="hidden" name="warningRule" value={warningRule} />
          <input type="hidden" name="warningYear" value={warningYear} />
        </>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("type")} htmlFor="case-type" error={fe.type} required>
          <Select id="case-type" name="type" defaultValue={suggestedType} invalid={!!fe.type}>
            {CASE_TYPES.map((k) => <option key={k} value={k}>{tEnum(`CaseType.${k}`)}</option>)}
          </Select>
        </Field>
        <Field label={t("openedOn")} htmlFor="case-opened" error={fe.openedOn} required>
          <Input id="case-opened" name="openedOn" type="date" max={today} defaultValue={today} invalid={!!fe.openedOn} />
        </Field>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("riskTypes")}</legend>
        <div className="grid grid-cols-2 gap-1 text-sm sm:grid-cols-3">
          {RISK_TYPES.map((k) => (
            <label key={k} className="flex items-center gap-2"><input type="checkbox" name="riskTypes" value={k} /> {tEnum(`RiskType.${k}`)}</label>
          ))}
        </div>
        {fe.riskTypes ? <p className="mt-1 text-sm text-red-700" role="alert">{fe.riskTypes}</p> : null}
      </fieldset>
      <Field label={t("note")} htmlFor="case-note" error={fe.note}>
        <Textarea id="case-note" name="note" rows={2} maxLength={500} />
      </Field>
      <Button type="submit" disabled={pending}>{t("open")}</Button>
    </form>
  );
}

/** Records the next step of the phase. */
export function StepForm({ caseId, phase, step, today }: { caseId: number; phase: string; step: string; today: string }) {
  const t = useTranslations("monitoring.cases");
  const tEnum = useTranslations("enums");
  const [state, action, pending] = useActionState<FormState, FormData>(changeCaseAction.bind(null, caseId), {});
  const fe = state.fields ?? {};
  return (
    <form action={action} className="space-y-2" key={`${phase}-${step}`} noValidate data-testid="step-form">
      <Errors state={state} shown={["date", "actor"]} />
      <input type="hidden" name="action" value="step" />
      <input type="hidden" name="phase" value={phase} />
      <input type="hidden" name="step" value={step} />
      <p className="text-sm font-medium">{t("nextStep", { step: tEnum(`CaseStepKind.${step}`) })}</p>
      <div className="grid gap-2 sm:grid-cols-[10rem_1fr]">
        <Field label={t("date")} htmlFor={`step-date-${phase}`} error={fe.date} required>
          <Input id={`step-date-${phase}`} name="date" type="date" max={today} defaultValue={today} invalid={!!fe.date} />
        </Field>
        <Field label={t("actor")} htmlFor={`step-actor-${phase}`} error={fe.actor} required>
          <Input id={`step-actor-${phase}`} name="actor" maxLength={100} invalid={!!fe.actor} />
        </Field>
      </div>
      <Field label={t("note")} htmlFor={`step-note-${phase}`} error={fe.note}>
        <Input id={`step-note-${phase}`} name="note" maxLength={500} />
      </Field>
      <Button type="submit" disabled={pending}>{t("addStep")}</Button>
    </form>
  );
}

export function MeasureForm({ caseId, stations, today, fixedStationId }: { caseId: number; stations: { id: number; code: string; name: string }[]; today: string; fixedStationId: number | null }) {
  const t = useTranslations("monitoring.cases");
  const tEnum = useTranslations("enums");
  const [state, action, pending] = useActionState<FormState, FormData>(changeCaseAction.bind(null, caseId), {});
  const fe = state.fields ?? {};
  return (
    <form action={action} className="space-y-2" key={state.ok ? `ok-${Math.random()}` : "form"} noValidate data-testid="measure-form">
      <Errors state={state} shown={["kind", "date", "stationId", "actor", "note"]} />
      <input type="hidden" name="action" value="measure" />
      <div className="grid gap-2 sm:grid-cols-2">
        <Field label={t("kind")} htmlFor="measure-kind" error={fe.kind} required>
          <Select id="measure-kind" name="kind" defaultValue="" invalid={!!fe.kind}>
            <option value="" />
            {MEASURE_KINDS.map((k) => <option key={k} value={k}>{tEnum(`MeasureKind.${k}`)}</option>)}
          </Select>
        </Field>
        <Field label={t("measureStation")} htmlFor="measure-station" error={fe.stationId}>
          <Select id="measure-station" name="stationId" defaultValue={fixedStationId ?? ""} invalid={!!fe.stationId}>
            {fixedStationId === null ? <option value="">{t("noStation")}</option> : null}
            {stations.map((s) => <option key={s.id} value={s.id}>{s.code} {s.name}</option>)}
          </Select>
        </Field>
        <Field label={t("date")} htmlFor="measure-date" error={fe.date} required>
          <Input id="measure-date" name="date" type="date" max={today} defaultValue={today} invalid={!!fe.date} />
        </Field>
        <Field label={t("actor")} htmlFor="measure-actor" error={fe.actor} required>
          <Input id="measure-actor" name="actor" maxLength={100} invalid={!!fe.actor} />
        </Field>
      </div>
      <Field label={t("note")} htmlFor="measure-note" error={fe.note}>
        <Input id="measure-note" name="note" maxLength={500} />
      </Field>
      <Button type="submit" disabled={pending}>{t("addMeasure")}</Button>
    </form>
  );
}

export function CloseCaseForm({ caseId, today }: { caseId: number; today: string }) {
  const t = useTranslations("monitoring.cases");
  const [state, action, pending] = useActionState<FormState, FormData>(changeCaseAction.bind(null, caseId), {});
  const fe = state.fields ?? {};
  return (
    <form action={action} className="space-y-2" noValidate>
      <Errors state={state} shown={["date", "reason"]} />
      <input type="hidden" name="action" value="close" />
      <input type="hidden" name="date" value={today} />
      <Field label={t("closeReason")} htmlFor="close-reason" error={fe.reason} required>
        <Textarea id="close-reason" name="reason" rows={2} maxLength={500} invalid={!!fe.reason} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>{t("close")}</Button>
    </form>
  );
}
