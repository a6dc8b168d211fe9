"use client";

import { useTranslations } from "next-intl";
import { Field, Select } from "@/components/ui/input";

/**
 * The station of a sale or training. An OPERATOR's is fixed (shown disabled, posted through a hidden field); staff
 * choose one, and the choice drives the household picker's coverage flags.
 */
export function StationField({ label, stations, value, onChange, locked, error, required }: {
  label: string;
  stations: { id: number; label: string }[];
  value: number | null;
  onChange: (id: number | null) => void;
  locked: boolean;
  error?: string;
  required?: boolean;
}) {
  const t = useTranslations("sales");
  return (
    <Field label={label} htmlFor="stationId" error={error} required={required}>
      {locked ? <input type="hidden" name="stationId" value={value ?? ""} /> : null}
      <Select id="stationId" name={locked ? undefined : "stationId"} disabled={locked} value={value ?? ""} invalid={!!error} aria-required={required || undefined}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{t("choose")}</option>
        {stations.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
      </Select>
    </Field>
  );
}
