import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Pager } from "@/components/network/pager";
import { Input, Select } from "@/components/ui/input";
import { Button, buttonClass } from "@/components/ui/button";
import { requireSection } from "@/lib/auth/page";
import { listHouseholds, placeOptions } from "@/lib/households";
import { stationOptions } from "@/lib/stations/options";
import { AppError } from "@/lib/errors";
import { HOUSEHOLD_SORTS, HOUSEHOLD_STATUSES, HOUSEHOLD_TYPES, PAGE_SIZES, POVERTY_CAUSES, type HouseholdQuery } from "@/lib/validation/households";
import { STATUS_TONE } from "./ui";
import { flatParams, hrefWith } from "@/lib/url";
import { boundStation, can } from "@/lib/auth/policy";
import { townshipName, villagePlace } from "@/lib/places";
import { ExportButtons } from "@/components/download/export-buttons";

const FILTER_KEYS = ["q", "townshipId", "villageId", "stationId", "status", "type", "cause", "exitYear", "sort", "dir", "pageSize"] as const;

export default async function HouseholdsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("households");
  const params = flatParams(await searchParams);
  const [t, tEnum, tCommon, locale] = await Promise.all([getTranslations("households"), getTranslations("enums"), getTranslations("common"), getLocale()]);
  let badQuery = false;
  const list = await listHouseholds(viewer, params).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "VALIDATION") {
      badQuery = true;
      return listHouseholds(viewer, {});
    }
    throw e;
  });
  const [places, stations] = await Promise.all([placeOptions(viewer), stationOptions(viewer)]);
  const q: HouseholdQuery = list.query;
  const kept = Object.fromEntries(FILTER_KEYS.map((k) => [k, params[k]]));
  const exportQuery = new URLSearchParams(Object.entries(kept).filter(([, v]) => v) as [string, string][]).toString();
  const canImport = can(viewer, "households.import");

  const sortLabel: Record<HouseholdQuery["sort"], string> = {
    code: t("code"), headName: t("headName"), village: t("village"), size: t("size"), type: t("type"), status: t("status"), registeredYear: t("registeredYear"), exitYear: t("exitYear"),
  };
  const sortHeader = (key: HouseholdQuery["sort"], label: string) => {
    const active = q.sort === key;
    const dir = active && q.dir === "asc" ? "desc" : "asc";
    return (
      <Th aria-sort={active ? (q.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link className="hover:underline" href={hrefWith("/households", kept, { sort: key, dir, page: undefined })}>
          {label}
          {active ? (q.dir === "asc" ? " ▲" : " ▼") : ""}
        </Link>
      </Th>
    );
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Link className={buttonClass("primary")} href="/households/new">{t("new")}</Link>
            {canImport ? <Link className={buttonClass("secondary")} href="/households/import">{t("import")}</Link> : null}
            <ExportButtons
              links={[
                { href: `/api/v1/households/export?format=xlsx${exportQuery ? `&${exportQuery}` : ""}`, label: t("exportXlsx"), testId: "export-xlsx" },
                { href: `/api/v1/households/export?format=csv${exportQuery ? `&${exportQuery}` : ""}`, label: t("exportCsv"), testId: "export-csv" },
              ]}
            />
          </>
        }
      />
      {badQuery ? <div className="mb-3"><Alert tone="error">{t("badQuery")}</Alert></div> : null}
      {/* Keyed by the query: after a header link or "clear" the controls show the page's filters and sort again. */}
      <form key={JSON.stringify(kept)} method="get" className="mb-3 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center [&>select]:sm:w-44 [&>input]:sm:w-44" aria-label={tCommon("filter")}>
        <Input name="q" defaultValue={q.q ?? ""} placeholder={t("searchPlaceholder")} aria-label={t("searchPlaceholder")} className="col-span-2 sm:!w-64" />
        <Select name="townshipId" defaultValue={q.townshipId ?? ""} aria-label={t("township")}>
          <option value="">{t("township")}: {tCommon("all")}</option>
          {places.townships.map((tw) => <option key={tw.id} value={tw.id}>{townshipName(tw, locale)}</option>)}
        </Select>
        <Select name="villageId" defaultValue={q.villageId ?? ""} aria-label={t("village")}>
          <option value="">{t("village")}: {tCommon("all")}</option>
          {places.townships.map((tw) => (
            <optgroup key={tw.id} label={townshipName(tw, locale)}>
              {places.villages.filter((v) => v.townshipId === tw.id).map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
            </optgroup>
          ))}
        </Select>
        {boundStation(viewer) !== null ? null : (
          <Select name="stationId" defaultValue={q.stationId ?? ""} aria-label={t("station")}>
            <option value="">{t("station")}: {tCommon("all")}</option>
            {stations.map((s) => <option key={s.id} value={s.id}>{s.code} {s.name}</option>)}
          </Select>
        )}
        <Select name="status" defaultValue={q.status ?? ""} aria-label={t("status")}>
          <option value="">{t("status")}: {tCommon("all")}</option>
          {HOUSEHOLD_STATUSES.map((s) => <option key={s} value={s}>{tEnum(`HouseholdStatus.${s}`)}</option>)}
        </Select>
        <Select name="type" defaultValue={q.type ?? ""} aria-label={t("type")}>
          <option value="">{t("type")}: {tCommon("all")}</option>
          {HOUSEHOLD_TYPES.map((s) => <option key={s} value={s}>{tEnum(`HouseholdType.${s}`)}</option>)}
        </Select>
        <Select name="cause" defaultValue={q.cause ?? ""} aria-label={t("cause")}>
          <option value="">{t("cause")}: {tCommon("all")}</option>
          {POVERTY_CAUSES.map((s) => <option key={s} value={s}>{tEnum(`PovertyCause.${s}`)}</option>)}
        </Select>
        <Input name="exitYear" type="number" inputMode="numeric" min={2013} max={2100} defaultValue={q.exitYear ?? ""} placeholder={t("exitYear")} aria-label={t("exitYear")} />
        <Select name="pageSize" defaultValue={q.pageSize} aria-label={t("pageSize")}>
          {PAGE_SIZES.map((n) => <option key={n} value={n}>{t("perPage", { count: n })}</option>)}
        </Select>
        {/* The sort, as the column headers set it. A phone has no headers (its rows are cards), so there these two
            choose it, applied with the filter button; on wider screens they are hidden but still carry the sort. */}
        <div className="col-span-2 grid grid-cols-2 gap-2 sm:hidden">
          <Select name="sort" defaultValue={q.sort} aria-label={t("sortBy")}>
            {HOUSEHOLD_SORTS.map((s) => <option key={s} value={s}>{t("sortOption", { field: sortLabel[s] })}</option>)}
          </Select>
          <Select name="dir" defaultValue={q.dir} aria-label={t("sortDir")}>
            <option value="asc">{t("sortAsc")}</option>
            <option value="desc">{t("sortDesc")}</option>
          </Select>
        </div>
        <div className="col-span-2 flex gap-2 whitespace-nowrap">
          <Button type="submit" variant="secondary">{tCommon("filter")}</Button>
          <Link className={buttonClass("ghost")} href="/households">{t("clear")}</Link>
        </div>
      </form>
      <Table className="sm:[&_td]:whitespace-nowrap" label={t("title")}>
        <thead>
          <tr>
            {sortHeader("code", t("code"))}
            {sortHeader("headName", t("headName"))}
            {sortHeader("village", t("village"))}
            <Th>{t("station")}</Th>
            {sortHeader("size", t("size"))}
            {sortHeader("type", t("type"))}
            {sortHeader("status", t("status"))}
            {sortHeader("registeredYear", t("registeredYear"))}
            {sortHeader("exitYear", t("exitYear"))}
            <Th>{t("idNumber")}</Th>
            <Th>{t("phone")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.rows.length === 0 ? (
            <Tr group><Td colSpan={11} className="text-slate-500">{t("noRows")}</Td></Tr>
          ) : list.rows.map((h) => (
            <Tr key={h.id} className="hover:bg-slate-50">
              <Td label={t("code")} className="whitespace-nowrap font-mono text-xs"><Link className="text-brand-700 hover:underline" href={`/households/${h.id}`}>{h.code}</Link></Td>
              <Td primary className="whitespace-nowrap">{h.headName}</Td>
              <Td label={t("village")} wide className="whitespace-nowrap">{villagePlace(h.village, h.township, locale)}</Td>
              <Td label={t("station")} className="whitespace-nowrap">{h.station ? h.station.code : "—"}</Td>
              <Td label={t("size")} className="tabular-nums">{h.size}</Td>
              <Td label={t("type")} className="whitespace-nowrap">{tEnum(`HouseholdType.${h.type}`)}</Td>
              <Td primary className="cards:justify-self-end"><Badge tone={STATUS_TONE[h.status]}>{tEnum(`HouseholdStatus.${h.status}`)}</Badge></Td>
              <Td label={t("registeredYear")} className="tabular-nums">{h.registeredYear}</Td>
              <Td label={t("exitYear")} className="tabular-nums">{h.exitYear ?? "—"}</Td>
              <Td label={t("idNumber")} className="whitespace-nowrap font-mono text-xs">{h.idNumber ?? "—"}</Td>
              <Td label={t("phone")} className="whitespace-nowrap font-mono text-xs">{h.phone ?? "—"}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pager path="/households" params={kept} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
