"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import type { FormState } from "@/lib/api/form";
import { ROLES } from "@/lib/validation/users";
import { resetPasswordAction, setUserActiveAction, updateUserAction } from "../../actions";

export function UserForm({ user, stations }: { user: { id: number; role: string; stationId: number | null; active: boolean }; stations: { id: number; label: string }[] }) {
  const t = useTranslations("admin");
  const tRoles = useTranslations("roles");
  const tCommon = useTranslations("common");
  const [state, action, pending] = useActionState<FormState, FormData>(updateUserAction.bind(null, user.id), {});
  return (
    <form action={action} className="space-y-3">
      {state.ok ? <Alert tone="success">{t("userUpdated")}</Alert> : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field label={t("role")} htmlFor="role" error={state.fields?.role}>
        <Select id="role" name="role" defaultValue={user.role}>
          {ROLES.map((r) => <option key={r} value={r}>{tRoles(r)}</option>)}
        </Select>
      </Field>
      <Field label={t("station")} htmlFor="stationId" error={state.fields?.stationId}>
        <Select id="stationId" name="stationId" defaultValue={user.stationId ?? ""}>
          <option value="">{tCommon("none")}</option>
          {stations.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
        </Select>
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={user.active} /> {t("active")}
      </label>
      <Button type="submit" disabled={pending}>{t("updateUser")}</Button>
    </form>
  );
}

/** One button: deactivate an active user (their sessions end) or reactivate a deactivated one. */
export function ActiveToggle({ userId, active }: { userId: number; active: boolean }) {
  const t = useTranslations("admin");
  const [state, action, pending] = useActionState<FormState<{ active: boolean }>, FormData>(setUserActiveAction.bind(null, userId, !active), {});
  return (
    <form action={action} className="space-y-3">
      {state.ok ? <Alert tone="success">{state.active ? t("reactivated") : t("deactivated")}</Alert> : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Button type="submit" variant={active ? "danger" : "secondary"} disabled={pending}>{active ? t("deactivate") : t("reactivate")}</Button>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: number }) {
  const t = useTranslations("admin");
  const [state, action, pending] = useActionState<FormState<{ generated: string }>, FormData>(resetPasswordAction.bind(null, userId), {});
  return (
    <form action={action} className="space-y-3" noValidate>
      {state.ok ? (
        <Alert tone="success">
          {t("passwordReset")}
          {state.generated ? (
            <>
              {" "}{t("generatedPassword")} <code data-testid="generated-password" className="break-all font-mono">{state.generated}</code>
            </>
          ) : null}
        </Alert>
      ) : null}
      {state.error && !state.fields ? <Alert tone="error">{state.error}</Alert> : null}
      <Field label={t("newPassword")} htmlFor="reset-password" error={state.fields?.password}>
        <Input id="reset-password" name="password" type="text" autoComplete="off" spellCheck={false} maxLength={200} invalid={!!state.fields?.password} aria-describedby="reset-password-hint" />
        <p id="reset-password-hint" className="text-xs text-slate-500">{t("passwordHint")}</p>
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>{t("resetPassword")}</Button>
    </form>
  );
}
