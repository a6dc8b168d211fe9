"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import type { FormState } from "@/lib/api/form";
import { fenToYuanInput } from "@/lib/validation/money";
import { lineNote } from "@/lib/settings/notes";
import { setMonitoringLineAction, setMonitoringThresholdsAction, setPovertyLineAction, setThresholdAction } from "./actions";
import type { Thresholds } from "@/lib/monitoring/rules";

/** One region's exit threshold. */
export function ThresholdForm({ region, label, value }: { region: string; label: string; value: number | null }) {
  const t = useTranslations("settings");
  const [state, action, pending] = useActionState<FormState, FormData>(setThresholdAction, {});
  const id = `threshold-${region}`;
  return (
    <form action={action} className="space-y-2" data-region={region}>
      <input type="hidden" name="region" value={region} />
      <Field label={label} htmlFor={id} error={state.fields?.incidenceBelowPct}>
        <div className="flex items-center gap-2">
          <div className="w-28">
            <Input id={id} name="incidenceBelowPct" inputMode="decimal" defaultValue={value ?? ""} invalid={!!state.fields?.incidenceBelowPct} />
          </div>
          <span className="text-sm text-slate-600">%</span>
          <Button type="submit" disabled={pending} className="shrink-0 whitespace-nowrap">{t("save")}</Button>
        </div>
      </Field>
      {state.ok ? <Alert tone="success">{t("saved")}</Alert> : null}
      {state.error && !state.fields ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}

/** A poverty line, or a monitoring line (kind), of a year's row, or a new year when `line` is missing. */
export function PovertyLineForm({ line, kind = "poverty" }: { line?: { year: number; fenPerPerson: number; verified: boolean; note: string | null }; kind?: "poverty" | "monitoring" }) {
  const t = useTranslations("settings");
  const locale = useLocale();
  const [state, action, pending] = useActionState<FormState, FormData>(kind === "poverty" ? setPovertyLineAction : setMonitoringLineAction, {});
  const key = `${kind === "poverty" ? "" : "m"}${line ? String(line.year) : "new"}`;
  return (
    <form action={action} className="grid grid-cols-2 items-start gap-2 border-b border-slate-100 py-2 sm:grid-cols-[6rem_9rem_6rem_1fr_auto]" data-year={key}>
      {line ? (
        <div className="pt-2 font-medium tabular-nums">
          {line.year}
          {kind === "monitoring" && !line.verified ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs font-normal text-amber-800">{t("approximate")}</span> : null}
          <input type="hidden" name="year" value={line.year} />
        </div>
      ) : (
        <Field label={t("year")} htmlFor={`year-${key}`} error={state.fields?.year}>
          <Input id={`year-${key}`} name="year" inputMode="numeric" invalid={!!state.fields?.year} />
        </Field>
      )}
      <Field label={t("lineYuan")} htmlFor={`yuan-${key}`} error={state.fields?.yuan}>
        <Input id={`yuan-${key}`} name="yuan" inputMode="decimal" defaultValue={line ? fenToYuanInput(line.fenPerPerson) : ""} invalid={!!state.fields?.yuan} />
      </Field>
      <label className="flex items-center gap-2 pt-7 text-sm">
        <input type="checkbox" name="verified" defaultChecked={line?.verified ?? false} /> {t("verified")}
      </label>
      <Field label={t("note")} htmlFor={`note-${key}`} error={state.fields?.note} className="col-span-2 sm:col-span-1">
        <Input id={`note-${key}`} name="note" defaultValue={lineNote(line?.note, locale)} />
      </Field>
      <div className="col-span-2 pt-6 sm:col-span-1">
        <Button type="submit" disabled={pending} className="whitespace-nowrap">{line ? t("save") : t("add")}</Button>
        {state.ok ? <span className="ml-2 text-sm text-green-700" role="status">{t("saved")}</span> : null}
        {state.error && !state.fields ? <span className="ml-2 text-sm text-red-700" role="alert">{state.error}</span> : null}
      </div>
    </form>
  );
}

const THRESHOLD_FIELDS = ["bandPct", "ecomDropPct", "ecomSharePct", "noSaleDays", "regularMonths"] as const;

/** The warning rules' thresholds (a change recomputes every warning). */
export function MonitoringThresholdsForm({ thresholds }: { thresholds: Thresholds }) {
  const t = useTranslations("settings");
  const [state, action, pending] = useActionState<FormState, FormData>(setMonitoringThresholdsAction, {});
  return (
    <form action={action} className="space-y-2" data-testid="monitoring-thresholds">
      {THRESHOLD_FIELDS.map((name) => (
        <Field key={name} label={t(name)} htmlFor={`mt-${name}`} error={state.fields?.[name]}>
          <div className="w-28">
            <Input id={`mt-${name}`} name={name} inputMode="numeric" defaultValue={thresholds[name]} invalid={!!state.fields?.[name]} />
          </div>
        </Field>
      ))}
      <Button type="submit" disabled={pending}>{t("save")}</Button>
      {state.ok ? <Alert tone="success">{t("saved")}</Alert> : null}
      {state.error && !state.fields ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}
