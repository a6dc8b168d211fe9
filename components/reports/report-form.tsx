"use client";

// The report's choice: kind (annual, monthly, or any run of whole months), its period fields, and the scope. Only the
// chosen kind's fields are shown (and sent). The page keys this form on what it displays, so after any navigation
// every control shows the report on screen. The download buttons send what is selected here, not what is on
// screen: they read this form's current values (without JavaScript they submit it to the download route).
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { DownloadStatus } from "@/components/download/download-status";
import { useDownload } from "@/components/download/use-download";

export type ReportFormValues = { kind: "annual" | "monthly" | "period"; year: string; month: string; from: string; to: string; station: string };

type Props = {
  values: ReportFormValues;
  errors: Record<string, string>;
  years: number[];
  stations: { code: string; name: string }[];
};

function Labelled({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1 text-sm">
      <label htmlFor={id} className="block text-slate-600">{label}</label>
      {children}
      {error ? <p id={`${id}-error`} className="text-red-700" role="alert">{error}</p> : null}
      {hint && !error ? <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

export function ReportForm({ values, errors, years, stations }: Props) {
  const t = useTranslations("reports");
  const [kind, setKind] = useState(values.kind);
  const form = useRef<HTMLFormElement>(null);
  const { state, start, cancel } = useDownload();
  const busy = state.status === "busy";

  function download(format: "xlsx" | "csv") {
    return (e: React.MouseEvent) => {
      e.preventDefault();
      const f = form.current!;
      if (!f.reportValidity() || busy) return;
      const params = new URLSearchParams();
      for (const [k, v] of new FormData(f)) if (typeof v === "string") params.set(k, v);
      params.set("format", format);
      void start(`/api/v1/reports?${params}`);
    };
  }
  const described = (id: string, hint = false) => (errors[id] ? `r-${id}-error` : hint ? `r-${id}-hint` : undefined);

  return (
    <form ref={form} method="get" action="/reports" className="mb-5 space-y-3" aria-label={t("choose")} data-testid="report-form">
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-start">
        <Labelled id="r-kind" label={t("kind")} error={errors.kind}>
          <Select id="r-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as ReportFormValues["kind"])} className="sm:w-52">
            <option value="annual">{t("annual")}</option>
            <option value="monthly">{t("monthly")}</option>
            <option value="period">{t("periodKind")}</option>
          </Select>
        </Labelled>
        {kind === "annual" ? (
          <Labelled id="r-year" label={t("yearField")} error={errors.year}>
            <Select id="r-year" name="year" defaultValue={values.year} className="sm:w-28" invalid={!!errors.year} aria-describedby={described("year")}>
              {years.map((y) => <option key={y} value={y}>{y}</option>)}
            </Select>
          </Labelled>
        ) : null}
        {kind === "monthly" ? (
          <Labelled id="r-month" label={t("monthField")} error={errors.month}>
            <Input id="r-month" type="month" name="month" required defaultValue={values.month} className="sm:w-44" invalid={!!errors.month} aria-describedby={described("month")} />
          </Labelled>
        ) : null}
        {kind === "period" ? (
          <>
            <Labelled id="r-from" label={t("fromMonth")} error={errors.from}>
              <Input id="r-from" type="month" name="from" required defaultValue={values.from} className="sm:w-44" invalid={!!errors.from} aria-describedby={described("from")} />
            </Labelled>
            <Labelled id="r-to" label={t("toMonth")} error={errors.to}>
              <Input id="r-to" type="month" name="to" required defaultValue={values.to} className="sm:w-44" invalid={!!errors.to} aria-describedby={described("to")} />
            </Labelled>
          </>
        ) : null}
        <Labelled id="r-station" label={t("scope")} error={errors.station}>
          <Select id="r-station" name="station" defaultValue={values.station} className="sm:w-56" invalid={!!errors.station}>
            <option value="">{t("county")}</option>
            {stations.map((s) => <option key={s.code} value={s.code}>{s.code} {s.name}</option>)}
          </Select>
        </Labelled>
      </div>
      {kind === "period" ? <p className="text-xs text-slate-500">{t("periodHint")}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" data-testid="report-show">{t("show")}</Button>
        <Button type="submit" variant="secondary" formAction="/api/v1/reports" name="format" value="xlsx" disabled={busy} onClick={download("xlsx")} data-testid="download-xlsx">
          {t("downloadXlsx")}
        </Button>
        <Button type="submit" variant="secondary" formAction="/api/v1/reports" name="format" value="csv" disabled={busy} onClick={download("csv")} data-testid="download-csv">
          {t("downloadCsv")}
        </Button>
        <span className="text-xs text-slate-500">{t("downloadsSelected")}</span>
      </div>
      <DownloadStatus state={state} onCancel={cancel} />
    </form>
  );
}
