"use client";

import { useActionState, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import type { FormState } from "@/lib/api/form";
import { reverseEntryAction } from "./actions";

/** "Reverse" on a ledger row: opens a small form asking for the reason; the entry itself is never edited. */
export function ReverseButton({ entryId, summary }: { entryId: number; summary: string }) {
  const t = useTranslations("income");
  const tCommon = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<FormState, FormData>(reverseEntryAction.bind(null, entryId), {});
  useEffect(() => {
    if (open) document.getElementById(`reason-${entryId}`)?.focus();
  }, [open, entryId]);
  if (state.ok) return <span className="text-xs text-green-700" role="status">{t("reversed")}</span>;
  if (!open) {
    return (
      <Button type="button" variant="secondary" className="px-2 py-1 text-xs" onClick={() => setOpen(true)} aria-label={`${t("reverse")} ${summary}`}>
        {t("reverse")}
      </Button>
    );
  }
  return (
    <form action={action} className="w-64 space-y-2" aria-label={`${t("reverse")} ${summary}`}>
      <p className="text-xs text-slate-600">{t("reverseHelp")}</p>
      <label htmlFor={`reason-${entryId}`} className="block text-xs font-medium">{t("reason")}</label>
      <Textarea id={`reason-${entryId}`} name="reason" rows={2} maxLength={500} required invalid={!!state.fields?.reason}
        onKeyDown={(e) => { if (e.key === "Escape") setOpen(false); }} />
      {state.fields?.reason ? <p className="text-xs text-red-700" role="alert">{state.fields.reason}</p> : null}
      {state.error && !state.fields?.reason ? <p className="text-xs text-red-700" role="alert">{state.error}</p> : null}
      <div className="flex gap-2">
        <Button type="submit" variant="danger" className="px-2 py-1 text-xs" disabled={pending}>{t("confirmReverse")}</Button>
        <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => setOpen(false)}>{tCommon("cancel")}</Button>
      </div>
    </form>
  );
}
