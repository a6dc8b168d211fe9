"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import { useFormAction } from "@/components/network/use-form-action";
import type { FormState } from "@/lib/api/form";
import { reverseSaleAction } from "../actions";

export function ReverseSaleForm({ saleId }: { saleId: number }) {
  const t = useTranslations("sales");
  const { state, onSubmit, pending } = useFormAction<FormState>(reverseSaleAction.bind(null, saleId), {});
  return (
    <form
      onSubmit={(e) => {
        if (!confirm(t("reverseConfirm"))) return e.preventDefault();
        onSubmit(e);
      }}
      className="space-y-3"
      noValidate
    >
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field label={t("reason")} htmlFor="reason" error={state.fields?.reason}>
        <Textarea id="reason" name="reason" rows={2} maxLength={500} required invalid={!!state.fields?.reason} />
      </Field>
      <Button type="submit" variant="danger" disabled={pending}>{t("reverse")}</Button>
    </form>
  );
}
