import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Alert, PageHeader } from "@/components/ui/card";
import { StationEntry } from "@/components/offline/station-entry";
import { currentViewer } from "@/lib/auth/session";
import { boundStation } from "@/lib/auth/policy";
import { ownStation } from "@/lib/stations/label";

export async function generateMetadata() {
  const t = await getTranslations("offline");
  return { title: t("title") };
}

/**
 * The operator's station entry (README "Offline station entry"): the one page besides the home page that the
 * service worker keeps, so it opens with no network. Its forms queue writes in IndexedDB and send them to /api/v1.
 * Other roles get a note: nothing of theirs is kept offline.
 */
export default async function StationEntryPage() {
  const viewer = await currentViewer();
  if (!viewer) redirect("/login");
  const t = await getTranslations("offline");
  const station = boundStation(viewer) !== null ? await ownStation(viewer) : null;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("title")} description={t("intro")} />
      {station ? <StationEntry station={station} /> : <Alert>{t("onlyOperators")}</Alert>}
    </div>
  );
}
