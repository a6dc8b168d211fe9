"use client";

import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { formatBytes, type DownloadState } from "./use-download";

/** The line under download buttons: busy with bytes (and rows) received and a cancel, done, cancelled, or the error. */
export function DownloadStatus({ state, onCancel }: { state: DownloadState; onCancel: () => void }) {
  const t = useTranslations("download");
  const locale = useLocale();
  if (state.status === "idle") return <p className="sr-only" aria-live="polite" />;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite" data-testid="download-status" data-status={state.status}>
      {state.status === "busy" ? (
        <>
          <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-brand-600 border-t-transparent print:hidden" aria-hidden="true" />
          <span className="text-slate-700">
            {t("busy")} {state.bytes === 0 ? t("waiting") : t("received", { size: formatBytes(state.bytes, locale) })}
            {state.rows !== null && state.rows > 0 ? `（${t("rows", { rows: new Intl.NumberFormat(locale).format(state.rows) })}）` : null}
          </span>
          <Button type="button" variant="ghost" className="px-2 py-1" onClick={onCancel} data-testid="download-cancel">{t("cancel")}</Button>
        </>
      ) : state.status === "done" ? (
        <span className="text-green-800">{t("done", { name: state.name, size: formatBytes(state.bytes, locale) })}</span>
      ) : state.status === "cancelled" ? (
        <span className="text-slate-600">{t("cancelled")}</span>
      ) : (
        <span className="text-red-700" role="alert">{state.message}</span>
      )}
    </div>
  );
}
