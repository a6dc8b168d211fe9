"use client";

import { useActionState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import type { FormState } from "@/lib/api/form";
import { createTokenAction, revokeTokenAction } from "../actions";

export function CreateTokenForm({ users, defaultUserId }: { users: { id: number; label: string }[]; defaultUserId: number }) {
  const t = useTranslations("admin");
  const [state, action, pending] = useActionState<FormState<{ secret: string }>, FormData>(createTokenAction, {});
  return (
    <form action={action} className="space-y-3">
      {state.secret ? (
        <Alert tone="success">
          {t("tokenCreated")} <code data-testid="token-secret" className="break-all font-mono">{state.secret}</code>
        </Alert>
      ) : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("tokenName")} htmlFor="token-name" error={state.fields?.name}>
          <Input id="token-name" name="name" maxLength={100} required />
        </Field>
        <Field label={t("tokenOwner")} htmlFor="token-user" error={state.fields?.userId}>
          <Select id="token-user" name="userId" defaultValue={defaultUserId}>
            {users.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
          </Select>
        </Field>
      </div>
      <Button type="submit" disabled={pending}>{t("createToken")}</Button>
    </form>
  );
}

export function RevokeButton({ tokenId }: { tokenId: number }) {
  const t = useTranslations("admin");
  const [pending, start] = useTransition();
  return (
    <Button variant="danger" className="px-2 py-1 text-xs" disabled={pending}
      onClick={() => { if (confirm(t("revokeConfirm"))) start(() => revokeTokenAction(tokenId)); }}>
      {t("revoke")}
    </Button>
  );
}
