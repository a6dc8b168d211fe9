"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/input";
import { Alert, Card } from "@/components/ui/card";
import { useFormAction } from "@/components/network/use-form-action";
import type { FormState } from "@/lib/api/form";
import { reverseSaleAction } from "../actions";

/**
 * Reversing a sale is a deliberate step: a quiet "冲正此销售…" button first; only that opens the form with what it
 * does, the required reason and the red button (and a way back out).
 */
export function ReverseSaleForm({ saleId }: { saleId: number }) {
  const t = useTranslations("sales");
  const [open, setOpen] = useState(false);
  const { state, onSubmit, pending } = useFormAction<FormState>(reverseSaleAction.bind(null, saleId), {});
  if (!open) {
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)} aria-expanded="false" aria-controls="reverse-sale">
        {t("reverseOpen")}
      </Button>
    );
  }
  return (
    <Card className="max-w-xl border-red-200" id="reverse-sale">
      <h2 className="mb-1 font-medium">{t("reverseTitle")}</h2>
      <p className="mb-3 text-sm text-slate-600">{t("reverseHint")}</p>
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
        <Field label={t("reason")} htmlFor="reason" error={state.fields?.reason} required>
          <Textarea id="reason" name="reason" rows={2} maxLength={500} required aria-required="true" invalid={!!state.fields?.reason}
            aria-describedby={state.fields?.reason ? "reason-error" : undefined} autoFocus />
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="danger" disabled={pending}>{t("reverseSubmit")}</Button>
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>{t("reverseCancel")}</Button>
        </div>
      </form>
    </Card>
  );
}
