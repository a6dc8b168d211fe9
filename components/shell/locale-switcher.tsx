"use client";

import { useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { setLocaleAction } from "./locale-actions";

const OPTIONS = [
  { value: "zh-CN", label: "中文" },
  { value: "en", label: "English" },
];

export function LocaleSwitcher({ className }: { className?: string }) {
  const locale = useLocale();
  const t = useTranslations("nav");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t("language")} className={cn("inline-flex overflow-hidden rounded-md border border-slate-300 text-sm", className)}>
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.value}
          disabled={pending}
          aria-pressed={locale === o.value}
          onClick={() => startTransition(async () => {
            await setLocaleAction(o.value);
            router.refresh();
          })}
          className={cn("px-2.5 py-1", locale === o.value ? "bg-brand-700 text-white" : "bg-white text-slate-700 hover:bg-slate-100")}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
