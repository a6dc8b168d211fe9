"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, OtherFieldErrors, RequiredNote, Select } from "@/components/ui/input";
import { Alert, Badge } from "@/components/ui/card";
import { useFormAction } from "@/components/network/use-form-action";
import { StationLevel, StationService } from "@/lib/generated/prisma/enums";
import type { FormState } from "@/lib/api/form";
import type { StationDto } from "@/lib/stations";
import { createStationAction, updateStationAction } from "./actions";

export type TownshipOption = {
  id: number; code: string; name: string; nameEn: string;
  villages: { id: number; code: string; name: string; isPoor: boolean; activeStations: number[] }[];
};

export type StationFormValues = {
  code: string; name: string; level: string; townshipId: number | null; villageId: number | null; operatorName: string;
  phone: string; openedOn: string; services: string[]; coveredVillageIds: number[]; version?: number;
};

/** Create or edit a station (ADMIN/STAFF): place, contact, services and the villages it covers. */
export function StationForm({ stationId, initial, townships, today }: { stationId?: number; initial: StationFormValues; townships: TownshipOption[]; today: string }) {
  const t = useTranslations("stations");
  const tEnum = useTranslations("enums");
  const tCommon = useTranslations("common");
  const locale = useLocale();
  const action = stationId ? updateStationAction.bind(null, stationId) : createStationAction;
  const { state, onSubmit, pending } = useFormAction<FormState>(action, {});
  const [townshipId, setTownshipId] = useState<number | null>(initial.townshipId);
  const [level, setLevel] = useState(initial.level);
  const [villageId, setVillageId] = useState<number | null>(initial.villageId);
  const [covered, setCovered] = useState<Set<number>>(new Set(initial.coveredVillageIds));
  const fe = state.fields ?? {};
  const current = (state.details as { current?: StationDto } | undefined)?.current;
  const servicesError = fe.services ?? Object.entries(fe).find(([k]) => k.startsWith("services."))?.[1];
  const township = townships.find((tw) => tw.id === townshipId);
  const shown = new Set(township?.villages.map((v) => v.id) ?? []);
  const hiddenCovered = [...covered].filter((id) => !shown.has(id) && id !== villageId);
  const villageName = new Map(townships.flatMap((tw) => tw.villages.map((v) => [v.id, v.name] as const)));
  const toggle = (id: number) => setCovered((prev) => {
    const next = new Set(prev);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {state.error && !current ? <Alert tone="error">{state.error}</Alert> : null}
      {current ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="alert" data-testid="conflict">
          <p className="font-medium">{t("stale")}</p>
          <p className="mt-1">{current.code} · {current.name} · {current.operatorName} · {current.phone ?? "—"} · {tEnum(`StationStatus.${current.status}`)}</p>
        </div>
      ) : null}
      <OtherFieldErrors fields={fe} shown={["code", "name", "level", "townshipId", "villageId", "openedOn", "operatorName", "phone", "services", "services.", "coveredVillageIds", "coveredVillageIds."]} />
      <RequiredNote text={tCommon("requiredNote")} />
      <input type="hidden" name="version" value={current?.version ?? initial.version ?? ""} />
      <input type="hidden" name="servicesShown" value="1" />
      <input type="hidden" name="coveredShown" value="1" />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("code")} htmlFor="code" error={fe.code} required>
          <Input id="code" name="code" defaultValue={initial.code} maxLength={20} autoCapitalize="characters" invalid={!!fe.code} aria-required="true" />
        </Field>
        <Field label={t("name")} htmlFor="name" error={fe.name} required>
          <Input id="name" name="name" defaultValue={initial.name} maxLength={100} invalid={!!fe.name} aria-required="true" />
        </Field>
        <Field label={t("level")} htmlFor="level" error={fe.level} required>
          <Select id="level" name="level" value={level} onChange={(e) => setLevel(e.target.value)} invalid={!!fe.level} aria-required="true">
            {Object.values(StationLevel).map((v) => <option key={v} value={v}>{tEnum(`StationLevel.${v}`)}</option>)}
          </Select>
        </Field>
        <Field label={t("township")} htmlFor="townshipId" error={fe.townshipId} required>
          <Select id="townshipId" name="townshipId" value={townshipId ?? ""} invalid={!!fe.townshipId} aria-required="true"
            onChange={(e) => { setTownshipId(e.target.value ? Number(e.target.value) : null); setVillageId(null); }}>
            <option value="">—</option>
            {townships.map((tw) => <option key={tw.id} value={tw.id}>{locale === "en" ? tw.nameEn : tw.name}</option>)}
          </Select>
        </Field>
        <Field label={t("homeVillage")} htmlFor="villageId" error={fe.villageId} required={level === "VILLAGE"}>
          <Select id="villageId" name="villageId" value={villageId ?? ""} invalid={!!fe.villageId} aria-required={level === "VILLAGE" || undefined}
            onChange={(e) => setVillageId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{level === "VILLAGE" ? "—" : t("noHomeVillage")}</option>
            {township?.villages.map((v) => <option key={v.id} value={v.id}>{v.name}{v.isPoor ? " ★" : ""}</option>)}
          </Select>
        </Field>
        <Field label={t("openedOn")} htmlFor="openedOn" error={fe.openedOn} required>
          <Input id="openedOn" name="openedOn" type="date" max={today} defaultValue={initial.openedOn} invalid={!!fe.openedOn} aria-required="true" />
        </Field>
        <ContactFields initial={initial} errors={fe} />
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("services")}<span aria-hidden="true" className="ml-0.5 text-red-600">*</span></legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {Object.values(StationService).map((s) => (
            <label key={s} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="services" value={s} defaultChecked={initial.services.includes(s)} /> {tEnum(`StationService.${s}`)}
            </label>
          ))}
        </div>
        {servicesError ? <p className="text-sm text-red-700" role="alert">{servicesError}</p> : <p className="text-xs text-slate-500">{t("servicesHint")}</p>}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("coveredVillages")}</legend>
        <p className="text-xs text-slate-500">{t("coveredHint")}</p>
        {hiddenCovered.map((id) => <input key={id} type="hidden" name="coveredVillageIds" value={id} />)}
        {hiddenCovered.length > 0 ? (
          <p className="mt-1 text-xs text-slate-600">+ {hiddenCovered.map((id) => villageName.get(id)).join("、")}</p>
        ) : null}
        <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2 lg:grid-cols-3" data-testid="village-checkboxes">
          {township?.villages.map((v) => {
            const home = v.id === villageId;
            const others = v.activeStations.filter((s) => s !== stationId);
            return (
              <label key={v.id} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" name={home ? undefined : "coveredVillageIds"} value={v.id} checked={home || covered.has(v.id)} disabled={home} onChange={() => toggle(v.id)} />
                <span>{v.name}{v.isPoor ? " ★" : ""}</span>
                {v.isPoor && others.length === 0 ? <Badge tone="red">{t("uncoveredTag")}</Badge> : null}
              </label>
            );
          })}
        </div>
        {fe.coveredVillageIds ? <p className="text-sm text-red-700" role="alert">{fe.coveredVillageIds}</p> : null}
      </fieldset>

      <Button type="submit" disabled={pending}>{pending ? t("saving") : t("save")}</Button>
    </form>
  );
}

/** An OPERATOR's form: only the operator's name and phone of their own station. */
export function ContactForm({ stationId, initial }: { stationId: number; initial: { operatorName: string; phone: string; version: number } }) {
  const t = useTranslations("stations");
  const { state, onSubmit, pending } = useFormAction<FormState>(updateStationAction.bind(null, stationId), {});
  const fe = state.fields ?? {};
  const current = (state.details as { current?: StationDto } | undefined)?.current;
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <p className="text-sm text-slate-600">{t("contactOnly")}</p>
      {state.error ? <Alert tone="error">{current ? t("stale") : state.error}</Alert> : null}
      <input type="hidden" name="version" value={current?.version ?? initial.version} />
      <ContactFields initial={initial} errors={fe} />
      <Button type="submit" disabled={pending}>{pending ? t("saving") : t("save")}</Button>
    </form>
  );
}

/** The contact fields: the only ones an OPERATOR may change on their own station. */
function ContactFields({ initial, errors }: { initial: { operatorName: string; phone: string }; errors: Record<string, string> }) {
  const t = useTranslations("stations");
  return (
    <>
      <Field label={t("operator")} htmlFor="operatorName" error={errors.operatorName} required>
        <Input id="operatorName" name="operatorName" defaultValue={initial.operatorName} maxLength={50} invalid={!!errors.operatorName} aria-required="true" />
      </Field>
      <Field label={t("phone")} htmlFor="phone" error={errors.phone}>
        <Input id="phone" name="phone" type="tel" defaultValue={initial.phone} maxLength={20} invalid={!!errors.phone} />
      </Field>
    </>
  );
}
