"use client";
// The sign-out button: deletes this browser's offline store and the service worker's cached pages before the
// session ends (README "Offline station entry": nothing of the operator's stays behind). Entries not sent yet are
// named first, so they are discarded deliberately.
import { useTranslations } from "next-intl";
import { offlineStore } from "./store";
import { wipeOffline } from "./sync";

export function SignOutButton({ action, label }: { action: () => Promise<unknown>; label: string }) {
  const t = useTranslations("offline");
  return (
    <form
      action={async () => {
        const waiting = await Promise.resolve()
          .then(() => offlineStore().queue.count())
          .catch(() => 0);
        if (waiting > 0 && !window.confirm(t("confirmSignOut", { count: waiting }))) return;
        await wipeOffline();
        await action();
      }}
    >
      <button type="submit" className="text-sm text-brand-700 underline-offset-2 hover:underline" data-testid="sign-out">
        {label}
      </button>
    </form>
  );
}
