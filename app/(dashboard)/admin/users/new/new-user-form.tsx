"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import { useFormAction } from "@/components/network/use-form-action";
import type { FormState } from "@/lib/api/form";
import { ROLES } from "@/lib/validation/users";
import { createUserAction } from "../../actions";

export function NewUserForm({ stations }: { stations: { id: number; label: string }[] }) {
  const t = useTranslations("admin");
  const tRoles = useTranslations("roles");
  const tCommon = useTranslations("common");
  // useFormAction keeps what was typed when the server refuses it.
  const { state, onSubmit, pending } = useFormAction<FormState>(createUserAction, {});
  const err = (k: string) => state.fields?.[k];
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field label={t("email")} htmlFor="new-email" error={err("email")}>
        <Input id="new-email" name="email" type="email" autoComplete="off" maxLength={254} required invalid={!!err("email")} />
      </Field>
      <Field label={t("name")} htmlFor="new-name" error={err("name")}>
        <Input id="new-name" name="name" maxLength={100} required invalid={!!err("name")} />
      </Field>
      <Field label={t("initialPassword")} htmlFor="new-password" error={err("password")}>
        <Input id="new-password" name="password" type="password" autoComplete="new-password" minLength={10} maxLength={200} required invalid={!!err("password")} aria-describedby="new-password-hint" />
        <p id="new-password-hint" className="text-xs text-slate-500">{t("passwordHint")}</p>
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("role")} htmlFor="new-role" error={err("role")}>
          <Select id="new-role" name="role" defaultValue="VIEWER" invalid={!!err("role")}>
            {ROLES.map((r) => <option key={r} value={r}>{tRoles(r)}</option>)}
          </Select>
        </Field>
        <Field label={t("locale")} htmlFor="new-locale" error={err("locale")}>
          <Select id="new-locale" name="locale" defaultValue="zh-CN">
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </Select>
        </Field>
      </div>
      <Field label={t("station")} htmlFor="new-station" error={err("stationId")}>
        <Select id="new-station" name="stationId" defaultValue="" invalid={!!err("stationId")}>
          <option value="">{tCommon("none")}</option>
          {stations.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>{t("createUser")}</Button>
    </form>
  );
}
