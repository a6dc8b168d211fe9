"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { useFormAction } from "@/components/network/use-form-action";
import type { FormState } from "@/lib/api/form";
import { removePhotoAction, setPhotoAction } from "./actions";

const MAX_BYTES = 2 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png", "image/webp"];

/**
 * Uploads a product photo. The browser checks type and size first so nobody waits for a 2 MB upload on a slow line
 * to be refused; the server checks again by the file's bytes.
 */
export function PhotoForm({ productId, hasPhoto }: { productId: number; hasPhoto: boolean }) {
  const t = useTranslations("products");
  const { state, onSubmit, pending } = useFormAction<FormState>(setPhotoAction.bind(null, productId), {});
  const [local, setLocal] = useState<string | null>(null);
  const [removing, startRemove] = useTransition();
  return (
    <form
      onSubmit={(e) => {
        const file = (e.currentTarget.elements.namedItem("photo") as HTMLInputElement).files?.[0];
        if (file && !TYPES.includes(file.type)) { e.preventDefault(); return setLocal(t("errors.photoType")); }
        if (file && file.size > MAX_BYTES) { e.preventDefault(); return setLocal(t("errors.photoTooLarge", { max: "2 MB" })); }
        setLocal(null);
        onSubmit(e);
      }}
      className="space-y-2"
      noValidate
    >
      {state.ok ? <Alert tone="success">{t("photoSaved")}</Alert> : null}
      {state.error && !state.fields?.photo ? <Alert tone="error">{state.error}</Alert> : null}
      <label htmlFor="photo" className="block text-sm font-medium text-slate-700">{t("choosePhoto")}</label>
      <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" className="block w-full text-sm" onChange={() => setLocal(null)} />
      <p className="text-xs text-slate-500">{t("photoHint")}</p>
      {local ?? state.fields?.photo ? <p className="text-sm text-red-700" role="alert">{local ?? state.fields?.photo}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>{t("uploadPhoto")}</Button>
        {hasPhoto ? (
          <Button type="button" variant="ghost" disabled={removing} onClick={() => startRemove(() => removePhotoAction(productId))}>{t("removePhoto")}</Button>
        ) : null}
      </div>
    </form>
  );
}
