import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { listSettings } from "@/lib/settings";
import { AdminTabs } from "../admin-tabs";
import { PovertyLineForm, ThresholdForm } from "./settings-forms";

export default async function AdminSettingsPage() {
  const viewer = await requireSection("admin");
  const [t, tAdmin, settings] = await Promise.all([getTranslations("settings"), getTranslations("admin"), listSettings(viewer)]);
  return (
    <>
      <PageHeader title={tAdmin("title")} />
      <AdminTabs current="settings" />
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[20rem_1fr]">
        <Card className="space-y-4">
          <div>
            <h2 className="text-base font-semibold text-slate-900">{t("thresholdsTitle")}</h2>
            <p className="mt-1 text-sm text-slate-600">{t("thresholdsHelp")}</p>
          </div>
          {settings.thresholds.map((th) => (
            <ThresholdForm key={th.region} region={th.region}
              label={`${t(`region.${th.region}` as "region.WESTERN")}${settings.countyRegion === th.region ? ` · ${t("countyRegion")}` : ""}`}
              value={th.incidenceBelowPct} />
          ))}
        </Card>
        <Card>
          <h2 className="text-base font-semibold text-slate-900">{t("linesTitle")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("linesHelp")}</p>
          <div className="mt-3">
            {settings.lines.map((l) => <PovertyLineForm key={l.year} line={l} />)}
            <h3 className="mt-4 text-sm font-semibold text-slate-900">{t("addYear")}</h3>
            <PovertyLineForm />
          </div>
        </Card>
      </div>
    </>
  );
}
