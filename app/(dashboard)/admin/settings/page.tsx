import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { listMonitoringSettings, listSettings } from "@/lib/settings";
import { AdminTabs } from "../admin-tabs";
import { MonitoringThresholdsForm, PovertyLineForm, ThresholdForm } from "./settings-forms";

export default async function AdminSettingsPage() {
  const viewer = await requireSection("admin");
  const [t, tAdmin, settings, monitoring] = await Promise.all([getTranslations("settings"), getTranslations("admin"), listSettings(viewer), listMonitoringSettings(viewer)]);
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
        <Card className="space-y-4">
          <div>
            <h2 className="text-base font-semibold text-slate-900">{t("monitoringThresholdsTitle")}</h2>
            <p className="mt-1 text-sm text-slate-600">{t("monitoringThresholdsHelp")}</p>
          </div>
          <MonitoringThresholdsForm thresholds={monitoring.thresholds} />
        </Card>
        <Card data-testid="monitoring-lines">
          <h2 className="text-base font-semibold text-slate-900">{t("monitoringLinesTitle")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("monitoringLinesHelp")}</p>
          <div className="mt-3">
            {monitoring.lines.map((l) => <PovertyLineForm key={l.year} line={l} kind="monitoring" />)}
            <h3 className="mt-4 text-sm font-semibold text-slate-900">{t("addYear")}</h3>
            <PovertyLineForm kind="monitoring" />
          </div>
        </Card>
      </div>
    </>
  );
}
