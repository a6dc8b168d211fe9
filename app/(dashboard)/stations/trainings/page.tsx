import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, PageHeader, Stat } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Input, Select } from "@/components/ui/input";
import { Button, buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/network/pager";
import { flatParams, hrefWith, pick } from "@/lib/url";
import { withQueryFallback } from "@/components/network/page-data";
import { requireSection } from "@/lib/auth/page";
import { listTrainings } from "@/lib/trainings";
import { stationOptions } from "@/lib/stations/options";
import { formatDate, formatNumber } from "@/lib/format";
import { boundStation } from "@/lib/auth/policy";

const FILTERS = ["stationId", "from", "to"] as const;

export default async function TrainingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("stations");
  const all = flatParams(await searchParams);
  const params = pick(all, [...FILTERS, "page"]);
  const filters = pick(params, FILTERS);
  const [t, tCommon, locale, stations] = await Promise.all([getTranslations("trainings"), getTranslations("common"), getLocale(), stationOptions(viewer)]);
  const { data: list, badQuery } = await withQueryFallback((q) => listTrainings(viewer, q), params);
  const n = (v: number) => formatNumber(v, locale);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={<Link className={buttonClass("primary")} href={hrefWith("/stations/trainings/new", { stationId: filters.stationId })}>{t("new")}</Link>}
      />
      {all.recorded ? <div className="mb-3"><Alert tone="success">{t("recorded")}</Alert></div> : null}
      {badQuery ? <div className="mb-3"><Alert tone="error">{t("badQuery")}</Alert></div> : null}
      <form key={JSON.stringify(filters)} method="get" className="mb-4 grid grid-cols-2 items-end gap-2 sm:grid-cols-4" aria-label={tCommon("filter")}>
        {boundStation(viewer) !== null ? null : (
          <Select name="stationId" defaultValue={filters.stationId ?? ""} aria-label={t("station")} className="col-span-2 sm:col-span-1">
            <option value="">{t("station")}: {tCommon("all")}</option>
            {stations.map((s) => <option key={s.id} value={s.id}>{s.code} {s.name}</option>)}
          </Select>
        )}
        {/* Two date fields look alike: each says what it is (it was named "filter" only). */}
        <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-600">
          <span>{t("from")}</span>
          <Input type="date" name="from" defaultValue={filters.from ?? ""} />
        </label>
        <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-600">
          <span>{t("to")}</span>
          <Input type="date" name="to" defaultValue={filters.to ?? ""} />
        </label>
        <Button type="submit">{t("apply")}</Button>
      </form>
      {/* Three short counts: side by side on a phone too. */}
      <div className="mb-4 grid grid-cols-3 gap-2 sm:gap-3">
        <Stat label={t("sessions")} value={n(list.totals.sessions)} />
        <Stat label={t("attendees")} value={n(list.totals.attendees)} />
        <Stat label={t("householdsReached")} value={n(list.totals.households)} />
      </div>
      <Table label={t("title")}>
        <thead>
          <tr><Th>{t("date")}</Th><Th>{t("station")}</Th><Th>{t("topic")}</Th><Th className="text-right">{t("attendeeCount")}</Th><Th className="text-right">{t("households")}</Th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.items.length === 0 ? <Tr group><Td colSpan={5} className="text-slate-500">{t("noRows")}</Td></Tr> : list.items.map((tr) => (
            <Tr key={tr.id} data-testid="training-row">
              <Td primary className="whitespace-nowrap">{formatDate(tr.date, locale)}</Td>
              <Td primary className="whitespace-nowrap cards:justify-self-end"><Link className="text-brand-700 hover:underline" href={`/stations/${tr.station.id}`}>{tr.station.code}</Link></Td>
              <Td wide className="min-w-40">{tr.topic}</Td>
              <Td label={t("attendeeCount")} className="text-right tabular-nums">{n(tr.attendeeCount)}</Td>
              <Td label={t("households")} className="text-right tabular-nums" title={tr.households.map((h) => h.headName).join("、")}>{n(tr.households.length)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pager path="/stations/trainings" params={filters} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
