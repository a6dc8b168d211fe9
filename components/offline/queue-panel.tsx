"use client";
// The visible queue: "3 条待同步", each entry with its state and, when the server refused it, the server's message
// (in the user's language) with what can be done: correct it (on the entry page), send it again, or discard it.
// Shown when something waits or the device is offline; the home page and the entry page both have it.
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { offlineStore, type QueueItem } from "./store";
import { syncQueue } from "./sync";
import { useLive, useOnline } from "./hooks";

export function QueuePanel({ onEdit, always = false }: { onEdit?: (item: QueueItem) => void; always?: boolean }) {
  const t = useTranslations("offline");
  const locale = useLocale();
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  const items = useLive(() => offlineStore().queue.orderBy("createdAt").toArray().catch(() => [] as QueueItem[]));
  const lastSync = useLive(() => offlineStore().meta.get("lastSyncAt").then((m) => m?.v as string | undefined).catch(() => undefined));
  const list = items ?? [];
  const waiting = list.filter((i) => i.state !== "refused").length;
  const refused = list.length - waiting;
  if (!always && online && list.length === 0) return null;

  const syncNow = async () => {
    setBusy(true);
    try {
      await syncQueue({ offline: t("queue.networkFailed"), server: t("queue.serverFailed") });
    } finally {
      setBusy(false);
    }
  };
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(new Date(iso));

  return (
    <Card className="space-y-3 p-3 sm:p-4" data-testid="offline-queue">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 className="text-base font-semibold text-slate-900">{t("queue.title")}</h2>
          <p className="text-sm" role="status" aria-live="polite">
            <span className={online ? "text-green-700" : "font-medium text-amber-700"} data-testid="online-state">{online ? t("online") : t("offlineNow")}</span>
          </p>
        </div>
        <Button type="button" variant="secondary" onClick={syncNow} disabled={!online || busy || waiting === 0} data-testid="sync-now">
          {busy ? t("queue.syncing") : t("queue.syncNow")}
        </Button>
      </div>
      <p className="text-sm text-slate-800">
        <span data-testid="queue-count" data-count={waiting}>{t("queue.count", { count: waiting })}</span>
        {refused > 0 ? <span className="ml-3 font-medium text-red-700" data-testid="refused-count" data-count={refused}>{t("queue.refusedCount", { count: refused })}</span> : null}
        {lastSync ? <span className="ml-3 text-xs text-slate-500">{t("queue.lastSync", { at: when(lastSync) })}</span> : null}
      </p>
      {list.length === 0 ? (
        <p className="text-sm text-slate-500">{t("queue.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {list.map((item) => (
            <li key={item.id} className="space-y-1 p-2 text-sm" data-testid="queue-item" data-state={item.state} data-kind={item.kind}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t(`queue.kind.${item.kind}`)}</span>
                  <span className="break-words text-slate-900">{item.summary}</span>
                </div>
                <span
                  className={item.state === "refused" ? "rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800" : "rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800"}
                  data-testid="queue-item-state"
                >
                  {t(`queue.state.${item.state}`)}
                </span>
              </div>
              {item.message ? (
                <div className={item.state === "refused" ? "text-red-700" : "text-slate-600"} data-testid="queue-item-message">
                  {item.message}
                  {item.fields ? (
                    <ul className="list-disc pl-5">
                      {Object.entries(item.fields).map(([k, m]) => <li key={k}>{m}</li>)}
                    </ul>
                  ) : null}
                </div>
              ) : null}
              {item.state === "refused" ? (
                <div className="flex flex-wrap gap-2 pt-1">
                  {onEdit ? <Button type="button" variant="secondary" className="px-2 py-1" onClick={() => onEdit(item)}>{t("queue.edit")}</Button> : null}
                  <Button
                    type="button"
                    variant="secondary"
                    className="px-2 py-1"
                    onClick={async () => {
                      await offlineStore().queue.update(item.id!, { state: "pending", message: undefined, fields: undefined });
                      if (navigator.onLine) await syncNow();
                    }}
                  >
                    {t("queue.resend")}
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    className="px-2 py-1 text-red-700"
                    onClick={async () => {
                      if (window.confirm(t("queue.confirmDiscard"))) await offlineStore().queue.delete(item.id!);
                    }}
                  >
                    {t("queue.discard")}
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
