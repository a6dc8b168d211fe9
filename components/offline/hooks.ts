"use client";
import { useEffect, useState, useSyncExternalStore } from "react";
import { liveQuery } from "dexie";
import { useTranslations } from "next-intl";
import type { ZodError } from "zod";
import { zodFields, type Msg } from "@/lib/errors";

/** navigator.onLine, kept current by the online/offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener("online", cb);
      window.addEventListener("offline", cb);
      return () => {
        window.removeEventListener("online", cb);
        window.removeEventListener("offline", cb);
      };
    },
    () => navigator.onLine,
    () => true,
  );
}

/** A Dexie query kept current as the store changes (undefined until the first answer). */
export function useLive<T>(query: () => Promise<T>, deps: unknown[] = []): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: () => setValue(undefined) });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}

/** zod issues as field messages in the user's language (the same keys the server answers with). */
export function useFieldMessages() {
  const t = useTranslations();
  const render = (m: Msg) => {
    try {
      return t(m.key as never, m.values as never);
    } catch {
      return m.key;
    }
  };
  return (error: ZodError) => Object.fromEntries(Object.entries(zodFields(error)).map(([k, m]) => [k, render(m)]));
}

/** Today in the county (Asia/Shanghai), YYYY-MM-DD: the forms' default date. */
export function countyTodayText(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

export function yuanText(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", minimumFractionDigits: 2 }).format(fen / 100);
}
