"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import type { FormState } from "@/lib/api/form";
import { updateUserAction } from "../../actions";

const ROLES = ["ADMIN", "STAFF", "OPERATOR", "VIEWER"] as const;

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
