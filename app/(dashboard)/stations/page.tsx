import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, PageHeader, Stat } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Input, Select } from "@/components/ui/input";
import { Button, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Pager } from "@/components/network/pager";
import { flatParams, hrefWith, pick } from "@/lib/url";
import { withQueryFallback } from "@/components/network/page-data";
import { requireSection } from "@/lib/auth/page";
import { boundStation, can } from "@/lib/auth/policy";
import { listStations } from "@/lib/stations";
import { coverage, networkOverview, type NetworkTownship } from "@/lib/stations/coverage";
import { formatDate, formatNumber, formatPercent, formatYuan } from "@/lib/format";
import { StationLevel, StationService, StationStatus } from "@/lib/generated/prisma/enums";
import { STATUS_TONE } from "./status-tone";

const FILTERS = ["townshipId", "level", "status", "service", "q"] as const;

export default async function StationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("stations");
  const params = pick(flatParams(await searchParams), [...FILTERS, "page"]);
  const filters = pick(params, FILTERS);
  const [t, tEnum, tCommon, locale] = await Promise.all([getTranslations("stations"), getTranslations("enums"), getTranslations("common"), getLocale()]);
  const [{ data: list, badQuery }, cov, network] = await Promise.all([withQueryFallback((q) => listStations(viewer, q), params), coverage(viewer), networkOverview(viewer)]);
  const isOperator = boundStation(viewer) !== null;
  const manager = can(viewer, "stations.manage");
  const n = (v: number) => formatNumber(v, locale);
  const townshipName = (tw: { name: string; nameEn: string }) => (locale === "en" ? tw.nameEn : tw.name);
  const activeStations = network.reduce((s, tw) => s + tw.activeStations, 0);
  const allStations = network.reduce((s, tw) => s + tw.stations, 0);

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            {manager ? <Link className={buttonClass("primary")} href="/stations/new">{t("new")}</Link> : null}
            <Link className={buttonClass("secondary")} href="/stations/trainings">{t("trainingsLink")}</Link>
          </>
        }
      />
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Stat label={t("coverage")} value={<span data-testid="coverage-percent">{formatPercent(cov.percent, locale)}</span>} hint={t("coverageHint", { covered: cov.covered, total: cov.poorVillages })} />
        <Stat label={t("activeStations")} value={`${n(activeStations)} / ${n(allStations)}`} />
        <Stat
          label={t("uncoveredTitle")}
          value={<span data-testid="uncovered-count">{n(cov.uncovered)}</span>}
          hint={<Link className="text-brand-700 hover:underline" href="/stations/coverage">{t("uncoveredLink", { count: cov.uncovered })}</Link>}
        />
      </div>

      {isOperator ? null : (
        <section className="mb-4" aria-labelledby="network-title">
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="network-title" className="font-medium">{t("network")}</h2>
            <p className="text-xs text-slate-600">{t("networkHint")}</p>
          </div>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-5" data-testid="network-tiles">
            {network.map((tw) => (
              <li key={tw.id}>
                <Tile tw={tw} name={townshipName(tw)} selected={filters.townshipId === String(tw.id)} locale={locale}
                  href={filters.townshipId === String(tw.id) ? hrefWith("/stations", filters, { townshipId: undefined }) : hrefWith("/stations", filters, { townshipId: tw.id })}
                  stations={t("tileStations", { active: tw.activeStations, total: tw.stations })}
                  poor={tw.poorVillages > 0 ? t("tilePoor", { covered: tw.coveredPoorVillages, total: tw.poorVillages }) : t("tileNoPoor")} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {badQuery ? <div className="mb-3"><Alert tone="error">{t("badQuery")}</Alert></div> : null}
      {isOperator ? null : (
        <form key={JSON.stringify(filters)} method="get" className="mb-3 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" aria-label={tCommon("filter")}>
          <Input name="q" defaultValue={filters.q ?? ""} placeholder={t("q")} aria-label={t("q")} className="col-span-2 sm:col-span-1" />
          <Select name="townshipId" defaultValue={filters.townshipId ?? ""} aria-label={t("township")}>
            <option value="">{t("township")}: {tCommon("all")}</option>
            {network.map((tw) => <option key={tw.id} value={tw.id}>{townshipName(tw)}</option>)}
          </Select>
          <Select name="level" defaultValue={filters.level ?? ""} aria-label={t("level")}>
            <option value="">{t("level")}: {tCommon("all")}</option>
            {Object.values(StationLevel).map((v) => <option key={v} value={v}>{tEnum(`StationLevel.${v}`)}</option>)}
          </Select>
          <Select name="status" defaultValue={filters.status ?? ""} aria-label={t("status")}>
            <option value="">{t("status")}: {tCommon("all")}</option>
            {Object.values(StationStatus).map((v) => <option key={v} value={v}>{tEnum(`StationStatus.${v}`)}</option>)}
          </Select>
          <Select name="service" defaultValue={filters.service ?? ""} aria-label={t("service")}>
            <option value="">{t("service")}: {tCommon("all")}</option>
            {Object.values(StationService).map((v) => <option key={v} value={v}>{tEnum(`StationService.${v}`)}</option>)}
          </Select>
          <div className="flex gap-2">
            <Button type="submit">{t("apply")}</Button>
            <Link className={buttonClass("ghost", "whitespace-nowrap")} href="/stations">{t("reset")}</Link>
          </div>
        </form>
      )}

      <Table label={t("title")}>
        <thead>
          <tr>
            <Th>{t("code")}</Th>
            <Th>{t("name")}</Th>
            <Th>{t("township")}</Th>
            <Th>{t("level")}</Th>
            <Th>{t("status")}</Th>
            <Th>{t("operator")}</Th>
            <Th className="text-right">{t("coveredColumn")}</Th>
            <Th className="text-right">{t("households")}</Th>
            <Th className="text-right">{t("sales")}</Th>
            <Th className="text-right">{t("salesAmount")}</Th>
            <Th>{t("lastSale")}</Th>
            <Th className="text-right">{t("trainings")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.items.length === 0 ? (
            <Tr group><Td colSpan={12} className="text-slate-500">{t("noRows")}</Td></Tr>
          ) : list.items.map((s) => (
            <Tr key={s.id} data-testid="station-row">
              <Td primary className="whitespace-nowrap"><Link className="font-medium text-brand-700 hover:underline" href={`/stations/${s.id}`}>{s.code}</Link></Td>
              <Td wide className="min-w-28">{s.name}</Td>
              <Td label={t("township")}>{townshipName(s.township)}</Td>
              <Td label={t("level")} className="whitespace-nowrap">{tEnum(`StationLevel.${s.level}`)}</Td>
              <Td primary className="whitespace-nowrap cards:justify-self-end"><Badge tone={STATUS_TONE[s.status]}>{tEnum(`StationStatus.${s.status}`)}</Badge></Td>
              <Td label={t("operator")} className="whitespace-nowrap">{s.operatorName}</Td>
              <Td label={t("coveredColumn")} className="whitespace-nowrap text-right tabular-nums">{n(s.coveredVillages)}（{n(s.coveredPoorVillages)}）</Td>
              <Td label={t("households")} className="text-right tabular-nums">{n(s.households)}</Td>
              <Td label={t("sales")} className="text-right tabular-nums">{n(s.sales)}</Td>
              <Td label={t("salesAmount")} className="whitespace-nowrap text-right tabular-nums">{formatYuan(s.salesFen, locale, { decimals: 0 })}</Td>
              <Td label={t("lastSale")} className="whitespace-nowrap">{s.lastSaleOn ? formatDate(s.lastSaleOn, locale) : "—"}</Td>
              <Td label={t("trainings")} className="text-right tabular-nums">{n(s.trainings)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pager path="/stations" params={filters} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}

function Tile({ tw, name, href, selected, stations, poor, locale }: { tw: NetworkTownship; name: string; href: string; selected: boolean; stations: string; poor: string; locale: string }) {
  const pct = tw.percent;
  const tone = pct === null ? "border-slate-200" : pct >= 80 ? "border-green-300" : pct >= 50 ? "border-amber-300" : "border-red-300";
  const bar = pct === null ? "bg-slate-300" : pct >= 80 ? "bg-green-600" : pct >= 50 ? "bg-amber-500" : "bg-red-600";
  return (
    <Link href={href} aria-current={selected ? "true" : undefined} data-township={tw.code}
      className={cn("block h-full rounded-lg border-2 bg-white p-2 text-sm hover:bg-brand-50", tone, selected && "ring-2 ring-brand-700")}>
      <div className="flex items-baseline justify-between gap-1">
        <span className="font-medium">{name}</span>
        <span className="text-xs tabular-nums text-slate-600">{formatPercent(pct, locale, 0)}</span>
      </div>
      <div className="mt-1 h-1.5 rounded bg-slate-100" aria-hidden>
        <div className={cn("h-1.5 rounded", bar)} style={{ width: `${pct ?? 0}%` }} />
      </div>
      <div className="mt-1 text-xs text-slate-600">{stations}</div>
      <div className="text-xs text-slate-600">{poor}</div>
    </Link>
  );
}
