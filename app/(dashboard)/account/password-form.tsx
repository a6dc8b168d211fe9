"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import type { FormState } from "@/lib/api/form";
import { changeOwnPasswordAction } from "./actions";

export function PasswordForm({ email }: { email: string }) {
  const t = useTranslations("account");
  const [state, action, pending] = useActionState<FormState, FormData>(changeOwnPasswordAction, {});
  const err = (k: string) => state.fields?.[k];
  return (
    <form action={action} className="space-y-3" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {/* For password managers: which account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label={t("currentPassword")} htmlFor="currentPassword" error={err("currentPassword")}>
        <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" maxLength={200} required invalid={!!err("currentPassword")} />
      </Field>
      <Field label={t("newPassword")} htmlFor="newPassword" error={err("newPassword")}>
        <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" minLength={10} maxLength={200} required invalid={!!err("newPassword")} aria-describedby="newPassword-hint" />
        <p id="newPassword-hint" className="text-xs text-slate-500">{t("newPasswordHint")}</p>
      </Field>
      <Field label={t("confirmPassword")} htmlFor="confirmPassword" error={err("confirmPassword")}>
        <Input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" maxLength={200} required invalid={!!err("confirmPassword")} />
      </Field>
      <Button type="submit" disabled={pending}>{t("submit")}</Button>
    </form>
  );
}
