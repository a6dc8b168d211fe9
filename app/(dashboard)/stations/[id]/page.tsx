import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader, Stat } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { loadOr404 } from "@/components/network/page-data";
import { requireSection } from "@/lib/auth/page";
import { can } from "@/lib/auth/policy";
import { stationActivity } from "@/lib/stations";
import { stationMonitoring } from "@/lib/monitoring";
import { listSales } from "@/lib/sales";
import { listTrainings } from "@/lib/trainings";
import { formatDate, formatNumber, formatYuan, withCode } from "@/lib/format";
import { STATUS_TONE } from "../status-tone";
import { StatusForm } from "./status-form";
import { townshipName, villagePlace } from "@/lib/places";

export default async function StationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; saved?: string }> }) {
  const viewer = await requireSection("stations");
  const id = Number((await params).id);
  const { station, households, sales, income, trainings } = await loadOr404(() => stationActivity(viewer, id));
  const notice = await searchParams;
  const [t, tSales, tTrain, tEnum, tMon, locale, recentSales, recentTrainings, monitoring] = await Promise.all([
    getTranslations("stations"), getTranslations("sales"), getTranslations("trainings"), getTranslations("enums"), getTranslations("monitoring"), getLocale(),
    listSales(viewer, { stationId: id }), listTrainings(viewer, { stationId: id }), stationMonitoring(viewer, id),
  ]);
  const yuan = (fen: number) => formatYuan(fen, locale);
  const n = (v: number) => formatNumber(v, locale);
  const manager = can(viewer, "stations.manage");
  const canWrite = can(viewer, "stations.update", { stationId: id });
  const active = station.status === "ACTIVE";

  return (
    <>
      <PageHeader
        title={withCode(station.name, station.code, locale)}
        description={`${townshipName(station.township, locale)} · ${tEnum(`StationLevel.${station.level}`)}`}
        actions={
          <>
            {canWrite ? <Link className={buttonClass("secondary")} href={`/stations/${id}/edit`}>{manager ? t("edit") : t("editContact")}</Link> : null}
            {canWrite && active ? <Link className={buttonClass("primary")} href={`/sales/new?stationId=${id}`}>{t("recordSale")}</Link> : null}
            {canWrite ? <Link className={buttonClass("secondary")} href={`/stations/trainings/new?stationId=${id}`}>{t("recordTraining")}</Link> : null}
          </>
        }
      />
      <div className="mb-4 space-y-2">
        {notice.created ? <Alert tone="success">{t("created")}</Alert> : null}
        {notice.saved ? <Alert tone="success">{t("saved")}</Alert> : null}
        {!active ? (
          <Alert tone="error">
            {tEnum(`StationStatus.${station.status}`)}{station.statusReason ? ` · ${t("statusReason")}：${station.statusReason}` : ""}
          </Alert>
        ) : null}
      </div>

      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("householdsServed")} value={n(households.total)} hint={t("people", { count: households.people })} />
        <Stat label={tSales("title")} value={n(sales.count)} hint={yuan(sales.amountFen)} />
        <Stat label={t("incomeBrought")} value={<span data-testid="station-income">{yuan(income.totalFen)}</span>} hint={t("incomeHint", { households: income.households })} />
        <Stat label={t("trainingsTitle")} value={n(trainings.count)} hint={`${t("attendees")} ${n(trainings.attendees)}`} />
      </div>

      <div className="mb-4 grid grid-cols-1 gap-3 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
            <div><dt className="text-slate-500">{t("status")}</dt><dd><Badge tone={STATUS_TONE[station.status]}>{tEnum(`StationStatus.${station.status}`)}</Badge></dd></div>
            <div><dt className="text-slate-500">{t("homeVillage")}</dt><dd>{station.village ? villagePlace(station.village, station.township, locale) : t("noHomeVillage")}</dd></div>
            <div><dt className="text-slate-500">{t("operator")}</dt><dd data-testid="station-operator">{station.operatorName}</dd></div>
            <div><dt className="text-slate-500">{t("phone")}</dt><dd data-testid="station-phone">{station.phone ?? "—"}</dd></div>
            <div><dt className="text-slate-500">{t("openedOn")}</dt><dd>{formatDate(station.openedOn, locale)}</dd></div>
            <div>
              <dt className="text-slate-500">{t("services")}</dt>
              <dd className="flex flex-wrap gap-1">{station.services.map((s) => <Badge key={s} tone="blue">{tEnum(`StationService.${s}`)}</Badge>)}</dd>
            </div>
          </dl>
        </Card>
        {manager ? (
          <Card>
            <h2 className="mb-2 font-medium">{t("statusTitle")}</h2>
            <StatusForm stationId={id} version={station.version} status={station.status} />
          </Card>
        ) : null}
      </div>

      <div className="mb-4 grid grid-cols-1 gap-3 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 font-medium">{t("villagesCovered")} <span className="text-slate-500">({station.coveredVillages.length})</span></h2>
          <ul className="flex flex-wrap gap-1.5 text-sm" data-testid="covered-villages">
            {station.coveredVillages.map((v) => (
              <li key={v.id} className="rounded border border-slate-200 px-2 py-0.5">
                {v.name} {v.isPoor ? <Badge tone="amber">{t("poorVillage")}</Badge> : null}
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <h2 className="mb-2 font-medium">{t("incomeBrought")}</h2>
          {income.byYear.length === 0 ? <p className="text-sm text-slate-500">—</p> : (
            <Table cards={false} label={t("incomeBrought")}>
              <thead><tr><Th>{t("year")}</Th><Th className="text-right">{t("amount")}</Th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {income.byYear.map((y) => <tr key={y.year}><Td className="py-1">{y.year}</Td><Td className="py-1 text-right tabular-nums">{yuan(y.amountFen)}</Td></tr>)}
              </tbody>
            </Table>
          )}
        </Card>
      </div>

      {monitoring ? (
        <section aria-labelledby="station-monitoring" className="mb-4" data-testid="station-monitoring">
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="station-monitoring" className="font-medium">{tMon("title")} · {monitoring.year}</h2>
            {can(viewer, "monitoring.read", { stationId: id }) ? (
              <Link className="text-sm text-brand-700 hover:underline" href={`/monitoring?year=${monitoring.year}&station=${encodeURIComponent(station.code)}&level=household`}>{t("monitoringLink")}</Link>
            ) : null}
          </div>
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Stat label={tMon("monitoredHouseholds")} value={<span data-testid="station-monitored">{n(monitoring.households)}</span>} hint={`${n(monitoring.people)} ${tMon("monitoredPeople")}`} />
            <Stat label={t("monitoredPaid")} value={<span data-testid="station-monitored-paid">{yuan(monitoring.paidFen)}</span>} hint={t("monitoredPaidHint", { year: monitoring.year })} />
            <Stat label={tMon("warnedHouseholds")} value={n(monitoring.warnedHouseholds)} />
            <Stat label={tMon("withoutCase")} value={monitoring.warningsWithoutCase > 0 ? <Badge tone="amber">{n(monitoring.warningsWithoutCase)}</Badge> : "0"} hint={tMon("target")} />
          </div>
        </section>
      ) : null}

      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 className="font-medium">{t("recentSales")}</h2>
        <Link className="text-sm text-brand-700 hover:underline" href={`/sales?stationId=${id}`}>{t("allSales")}</Link>
      </div>
      <div className="mb-4">
        <Table label={t("recentSales")}>
          <thead>
            <tr>
              <Th>{tSales("date")}</Th><Th>{tSales("product")}</Th><Th>{tSales("channel")}</Th>
              <Th className="text-right">{tSales("amount")}</Th><Th className="text-right">{tSales("payout")}</Th><Th>{tSales("state")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {recentSales.items.length === 0 ? <Tr group><Td colSpan={6} className="text-slate-500">{tSales("noRows")}</Td></Tr> : recentSales.items.slice(0, 10).map((s) => (
              <Tr key={s.id}>
                <Td primary className="whitespace-nowrap"><Link className="text-brand-700 hover:underline" href={`/sales/${s.id}`}>{formatDate(s.date, locale)}</Link></Td>
                <Td label={tSales("product")} className="whitespace-nowrap">{locale === "en" && s.product.nameEn ? s.product.nameEn : s.product.name}</Td>
                <Td label={tSales("channel")} className="whitespace-nowrap">{tEnum(`Platform.${s.channel}`)}</Td>
                <Td primary className="whitespace-nowrap text-right tabular-nums cards:justify-self-end">{yuan(s.amountFen)}</Td>
                <Td label={tSales("payout")} className="whitespace-nowrap text-right tabular-nums">{yuan(s.payoutFen)}</Td>
                <Td label={tSales("state")} className="whitespace-nowrap">{s.reversed ? <Badge tone="red">{tSales("reversed")}</Badge> : <Badge tone="green">{tSales("active")}</Badge>}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </div>

      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 className="font-medium">{t("trainingsTitle")}</h2>
        <Link className="text-sm text-brand-700 hover:underline" href={`/stations/trainings?stationId=${id}`}>{t("allTrainings")}</Link>
      </div>
      <Table label={t("trainingsTitle")}>
        <thead><tr><Th>{tTrain("date")}</Th><Th>{tTrain("topic")}</Th><Th className="text-right">{tTrain("attendeeCount")}</Th><Th className="text-right">{tTrain("households")}</Th></tr></thead>
        <tbody className="divide-y divide-slate-100">
          {recentTrainings.items.length === 0 ? <Tr group><Td colSpan={4} className="text-slate-500">{tTrain("noRows")}</Td></Tr> : recentTrainings.items.slice(0, 5).map((tr) => (
            <Tr key={tr.id}>
              <Td primary className="whitespace-nowrap">{formatDate(tr.date, locale)}</Td>
              <Td wide>{tr.topic}</Td>
              <Td label={tTrain("attendeeCount")} className="text-right tabular-nums">{n(tr.attendeeCount)}</Td>
              <Td label={tTrain("households")} className="text-right tabular-nums">{n(tr.households.length)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
