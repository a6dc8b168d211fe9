"use client";

import { useActionState, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, OtherFieldErrors, RequiredNote, Select } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import { GUARANTEES, HOUSEHOLD_STATUSES, HOUSEHOLD_TYPES, POVERTY_CAUSES } from "@/lib/validation/households";
import { createHouseholdAction, suggestHouseholdCodeAction, updateHouseholdAction, type HouseholdFormState } from "./actions";

export type HouseholdFormValues = Record<string, unknown>;
type Option = { id: number; label: string };
type Group = { label: string; options: Option[] };

/** Every field error key the form shows beside its control (anything else goes to OtherFieldErrors). */
const SHOWN = ["code", "headName", "villageId", "stationId", "size", "type", "registeredYear", "status", "exitYear", "idNumber", "phone", "causes", "causes."] as const;

const COMPARED = ["villageId", "stationId", "headName", "idNumber", "phone", "size", "type", "registeredYear", ...GUARANTEES] as const;

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

/** Create and edit form for a household: field-level errors, and on a stale edit the current values side by side. */
export function HouseholdForm({
  mode, id, initial, villages, stations, stationLocked, canSetStatus,
}: {
  mode: "create" | "edit";
  id?: number;
  initial: HouseholdFormValues;
  villages: Group[];
  stations: Option[];
  stationLocked: boolean;
  canSetStatus: boolean;
}) {
  const t = useTranslations("households");
  const tEnum = useTranslations("enums");
  const tCommon = useTranslations("common");
  const action = mode === "create" ? createHouseholdAction : updateHouseholdAction.bind(null, id!);
  const [state, formAction, pending] = useActionState<HouseholdFormState, FormData>(action, {});
  const values = state.values ?? initial;
  const current = (state.details as { current?: HouseholdFormValues } | undefined)?.current;
  const version = current ? current.version : values.version;
  const causes = new Set(Array.isArray(values.causes) ? values.causes.map(String) : []);
  const fe = state.fields ?? {};
  const causeError = fe.causes ?? Object.entries(fe).find(([k]) => k.startsWith("causes."))?.[1];
  const norm = (v: unknown) => (typeof v === "boolean" ? (v ? "1" : "") : text(v).trim());
  const differing = current ? COMPARED.filter((k) => norm(current[k]) !== norm(values[k])) : [];
  const villageLabel = new Map(villages.flatMap((g) => g.options.map((o) => [String(o.id), `${g.label} · ${o.label}`])));
  const stationLabel = new Map(stations.map((o) => [String(o.id), o.label]));
  // The code suggestion for the chosen village (create only). A late answer for a village no longer chosen is dropped.
  const [suggestion, setSuggestion] = useState<{ villageId: string; code: string } | null>(null);
  const asked = useRef("");
  const suggest = (villageId: string) => {
    asked.current = villageId;
    if (!villageId) return setSuggestion(null);
    const stationId = stationLocked && values.stationId ? Number(values.stationId) : undefined;
    suggestHouseholdCodeAction(Number(villageId), stationId).then(
      (code) => { if (asked.current === villageId) setSuggestion({ villageId, code }); },
      () => { if (asked.current === villageId) setSuggestion(null); },
    );
  };
  const show = (k: string, v: unknown) => {
    if (typeof v === "boolean") return v ? tCommon("yes") : tCommon("no");
    if (k === "villageId") return villageLabel.get(text(v)) ?? (text(v) || "—");
    if (k === "stationId") return stationLabel.get(text(v)) ?? (text(v) || "—");
    if (k === "type" && v) return tEnum(`HouseholdType.${text(v)}`);
    return text(v) || "—";
  };

  return (
    <form action={formAction} className="space-y-4" noValidate key={JSON.stringify(values) + (state.error ?? "")}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {current ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="conflict">
          <p className="font-medium">{t("conflictHelp")}</p>
          {differing.length ? (
            <table className="mt-2 text-sm">
              <thead><tr><th className="pr-4 text-left">{t("field")}</th><th className="pr-4 text-left">{t("savedValue")}</th><th className="text-left">{t("yourValue")}</th></tr></thead>
              <tbody>
                {differing.map((k) => (
                  <tr key={k}>
                    <td className="pr-4">{t(`fields.${k}`)}</td>
                    <td className="pr-4 font-medium">{show(k, current[k])}</td>
                    <td>{show(k, values[k])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p className="mt-2">{t("conflictNext")}</p>
        </div>
      ) : null}
      <OtherFieldErrors fields={fe} shown={[...SHOWN]} />
      <RequiredNote text={tCommon("requiredNote")} />
      {mode === "edit" ? <input type="hidden" name="version" value={text(version)} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("fields.villageId")} htmlFor="villageId" error={fe.villageId} required>
          <Select id="villageId" name="villageId" defaultValue={text(values.villageId)} invalid={!!fe.villageId} aria-required="true"
            onChange={mode === "create" ? (e) => suggest(e.currentTarget.value) : undefined}>
            <option value="">{t("choose")}</option>
            {villages.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
              </optgroup>
            ))}
          </Select>
        </Field>
        {mode === "create" ? (
          <CodeField key={`code-${text(values.code)}`} initial={text(values.code)} error={fe.code} suggestion={suggestion} />
        ) : null}
        <Field label={t("fields.headName")} htmlFor="headName" error={fe.headName} required>
          <Input id="headName" name="headName" defaultValue={text(values.headName)} maxLength={50} required aria-required="true" invalid={!!fe.headName} autoComplete="off" />
        </Field>
        <Field label={t("fields.stationId")} htmlFor="stationId" error={fe.stationId}>
          <Select id="stationId" name="stationId" defaultValue={text(values.stationId)} invalid={!!fe.stationId} disabled={stationLocked}>
            {stationLocked ? null : <option value="">{tCommon("none")}</option>}
            {stations.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </Select>
          {stationLocked ? <input type="hidden" name="stationId" value={text(values.stationId)} /> : null}
        </Field>
        <Field label={t("fields.size")} htmlFor="size" error={fe.size} required>
          <Input id="size" name="size" inputMode="numeric" defaultValue={text(values.size)} invalid={!!fe.size} aria-required="true" autoComplete="off" className="sm:w-32" />
        </Field>
        <Field label={t("fields.type")} htmlFor="type" error={fe.type} required>
          <Select id="type" name="type" defaultValue={text(values.type) || "GENERAL"} invalid={!!fe.type} aria-required="true">
            {HOUSEHOLD_TYPES.map((v) => <option key={v} value={v}>{tEnum(`HouseholdType.${v}`)}</option>)}
          </Select>
        </Field>
        <Field label={t("fields.registeredYear")} htmlFor="registeredYear" error={fe.registeredYear} required>
          <Input id="registeredYear" name="registeredYear" inputMode="numeric" maxLength={4} defaultValue={text(values.registeredYear)} invalid={!!fe.registeredYear} aria-required="true" autoComplete="off" className="sm:w-32" />
        </Field>
        {mode === "create" && canSetStatus ? (
          <>
            <Field label={t("fields.status")} htmlFor="status" error={fe.status} required>
              <Select id="status" name="status" defaultValue={text(values.status) || "POOR"} invalid={!!fe.status} aria-required="true">
                {HOUSEHOLD_STATUSES.map((v) => <option key={v} value={v}>{tEnum(`HouseholdStatus.${v}`)}</option>)}
              </Select>
            </Field>
            <Field label={t("fields.exitYear")} htmlFor="exitYear" error={fe.exitYear}>
              <Input id="exitYear" name="exitYear" inputMode="numeric" maxLength={4} autoComplete="off" className="sm:w-32" defaultValue={text(values.exitYear)} invalid={!!fe.exitYear} />
            </Field>
          </>
        ) : null}
        <Field label={t("fields.idNumber")} htmlFor="idNumber" error={fe.idNumber}>
          <Input id="idNumber" name="idNumber" defaultValue={text(values.idNumber)} maxLength={18} invalid={!!fe.idNumber} autoComplete="off" />
        </Field>
        <Field label={t("fields.phone")} htmlFor="phone" error={fe.phone}>
          <Input id="phone" name="phone" type="tel" defaultValue={text(values.phone)} maxLength={20} invalid={!!fe.phone} autoComplete="off" />
        </Field>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("fields.causes")}</legend>
        <div className="grid grid-cols-2 gap-1 sm:grid-cols-4">
          {POVERTY_CAUSES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="causes" value={c} defaultChecked={causes.has(c)} /> {tEnum(`PovertyCause.${c}`)}
            </label>
          ))}
        </div>
        {causeError ? <p className="text-sm text-red-700" role="alert">{causeError}</p> : null}
      </fieldset>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("guarantees")}</legend>
        <div className="grid grid-cols-1 gap-1 sm:grid-cols-3">
          {GUARANTEES.map((g) => (
            <label key={g} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={g} id={g} defaultChecked={values[g] === true} /> {tEnum(`Guarantee.${g}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>{mode === "create" ? t("create") : current ? t("saveAnyway") : tCommon("save")}</Button>
    </form>
  );
}

/**
 * The code field of a new household. Choosing a village fills in the suggested next code of that village while the
 * field is empty or still holds an earlier suggestion; a code the user typed is never overwritten (the suggestion is
 * then shown beside it, one click to take). A taken code remains the server's field error.
 */
function CodeField({ initial, error, suggestion }: { initial: string; error?: string; suggestion: { villageId: string; code: string } | null }) {
  const t = useTranslations("households");
  const [code, setCode] = useState(initial);
  const [typed, setTyped] = useState(initial !== "");
  const [lastSuggestion, setLastSuggestion] = useState<typeof suggestion>(null);
  if (suggestion !== lastSuggestion) {
    // A new suggestion arrived: take it unless the user typed their own code (React's "adjust state on prop change").
    setLastSuggestion(suggestion);
    if (suggestion && !typed) setCode(suggestion.code);
  }
  const differs = suggestion !== null && suggestion.code !== code;
  return (
    <Field label={t("fields.code")} htmlFor="code" error={error} required>
      <Input id="code" name="code" value={code} maxLength={30} required aria-required="true" invalid={!!error} autoComplete="off"
        aria-describedby={suggestion ? "code-hint" : undefined}
        onChange={(e) => { setCode(e.currentTarget.value); setTyped(e.currentTarget.value !== ""); }} />
      {suggestion ? (
        <p id="code-hint" className="text-xs text-slate-600" aria-live="polite">
          {t("codeSuggested", { code: suggestion.code })}
          {differs ? (
            <>
              {" "}
              <button type="button" className="text-brand-700 underline" onClick={() => { setCode(suggestion.code); setTyped(false); }}>{t("useSuggestedCode")}</button>
            </>
          ) : null}
        </p>
      ) : null}
    </Field>
  );
}
