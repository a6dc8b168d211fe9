import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { requireSection } from "@/lib/auth/page";
import { can } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { renderMsg, toLocale } from "@/lib/i18n";
import { availableYears, progressRows, type AreaRow, type ProgressRows } from "@/lib/progress";
import { formatNumber, formatPercent, formatYuan } from "@/lib/format";
import { flatParams, hrefWith, pick } from "@/lib/url";

const KEYS = ["year", "level", "parent"] as const;
const NEXT_LEVEL = { county: "township", township: "village", village: "household" } as const;

export default async function ProgressPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Every role with progress.read may drill down (lib/ scopes households); the sidebar offers it by the same rule.
  const viewer = await requireSection("progress");
  const params = pick(flatParams(await searchParams), KEYS);
  const [t, tEnum, locale] = await Promise.all([getTranslations("progress"), getTranslations("enums"), getLocale()]);
  let problem: string | null = null;
  const query = { ...params, level: params.level && params.level !== "county" ? params.level : "township" };
  const data: ProgressRows = await progressRows(viewer, query).catch((e: unknown) => {
    if (!(e instanceof AppError) || e.code === "INTERNAL") throw e;
    problem = renderMsg(toLocale(locale), e.code === "VALIDATION" && e.fields ? Object.values(e.fields)[0] : e.msg);
    return progressRows(viewer, { year: params.year && /^\d{4}$/.test(params.year) ? params.year : undefined, level: "township" });
  });
  const year = data.year;
  const [years, county] = await Promise.all([
    availableYears(viewer),
    data.level === "township" ? progressRows(viewer, { year, level: "county" }) : Promise.resolve(null),
  ]);
  const n = (v: number) => formatNumber(v, locale);
  const yuan = (fen: number) => formatYuan(fen, locale, { decimals: 0 });
  const pct = (v: number | null) => formatPercent(v, locale, 2);
  const name = (r: { name: string; nameEn: string | null }) => (locale === "en" && r.nameEn ? r.nameEn : r.name);
  const verdict = (ready: boolean | null) =>
    ready === null ? <Badge>—</Badge> : ready ? <Badge tone="green">{t("ready")}</Badge> : <Badge tone="red">{t("notReady")}</Badge>;
  const canOpenHouseholds = can(viewer, "households.read");
  const level = data.level === "county" ? "township" : data.level;
  const childLevel = level === "household" ? null : NEXT_LEVEL[level];
  const threshold = data.thresholdPct === null ? "—" : formatPercent(data.thresholdPct, locale, 0);
  const line = data.level === "household" && data.households[0]?.povertyLineFen != null ? data.households[0].povertyLineFen : null;
  const perCapitaLabel = line === null ? t("perCapita") : `${t("perCapita")} · ${t("line", { line: yuan(line) })}`;

  const num = "whitespace-nowrap text-right tabular-nums";
  const figureLabels = [t("population"), t("registeredHouseholds"), t("registeredPeople"), t("poorPeople"), t("exitedPeople")];
  /** An area's figures, the same cells for every row and the county total. */
  const figureCells = (r: AreaRow) => (
    <>
      {[r.population, r.households, r.people, r.poorPeople, r.exitedPeople].map((v, i) => <Td key={i} label={figureLabels[i]} className={num}>{n(v)}</Td>)}
      <Td primary label={t("incidence")} className={num} data-incidence={r.incidencePct ?? ""}>{pct(r.incidencePct)}</Td>
      <Td primary className="cards:self-end cards:justify-self-end" data-verdict>{verdict(r.exitReady)}</Td>
      <Td label={t("ecomIncome", { year })} className={num}>{yuan(r.ecommerceIncomeFen)}</Td>
    </>
  );

  const areaTable = (rows: AreaRow[], drill: boolean, total?: AreaRow) => (
    <Table data-testid="area-rows" label={t(level === "township" ? "township" : "village")}>
      <thead>
        <tr>
          <Th>{t(level === "township" ? "township" : "village")}</Th>
          <Th className="text-right">{t("population")}</Th>
          <Th className="text-right">{t("registeredHouseholds")}</Th>
          <Th className="text-right">{t("registeredPeople")}</Th>
          <Th className="text-right">{t("poorPeople")}</Th>
          <Th className="text-right">{t("exitedPeople")}</Th>
          <Th className="text-right">{t("incidence")}</Th>
          <Th>{t("verdict")}</Th>
          <Th className="text-right">{t("ecomIncome", { year })}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <Tr key={r.code} data-code={r.code}>
            <Td primary wide className="whitespace-nowrap">
              {drill && childLevel ? (
                <Link className="text-brand-700 hover:underline" href={hrefWith("/progress", { year: String(year), level: childLevel, parent: r.code })}>{name(r)}</Link>
              ) : name(r)}
              {r.isPoorVillage ? <span className="ml-1"><Badge tone="amber">{t("poorVillage")}</Badge></span> : null}
              {level === "township" && drill ? <span className="ml-1 text-xs text-slate-500">{t("villagesCount", { villages: r.villages, poor: r.poorVillages })}</span> : null}
            </Td>
            {figureCells(r)}
          </Tr>
        ))}
        {rows.length === 0 ? <Tr group><Td colSpan={9} className="text-slate-500">{t("noRows")}</Td></Tr> : null}
      </tbody>
      {total ? (
        <tfoot className="border-t-2 border-slate-300 font-medium">
          <Tr data-code={total.code} className="cards:border-slate-400">
            <Td primary wide>{t("countyTotal")}</Td>
            {figureCells(total)}
          </Tr>
        </tfoot>
      ) : null}
    </Table>
  );

  return (
    <>
      <PageHeader title={t("title")} description={t("description", { year, threshold })} />
      {problem ? <div className="mb-3"><Alert tone="error">{problem}</Alert></div> : null}
      <nav aria-label={t("path")} className="mb-3 flex flex-wrap items-center gap-1 text-sm">
        <Link className="text-brand-700 hover:underline" href={hrefWith("/progress", { year: String(year) })}>{data.path[0] ? name(data.path[0]) : t("county")}</Link>
        {data.path.slice(1).map((p) => (
          <span key={p.code} className="flex items-center gap-1">
            <span aria-hidden="true" className="text-slate-400">›</span>
            {p.level === "township" && data.level === "household" ? (
              <Link className="text-brand-700 hover:underline" href={hrefWith("/progress", { year: String(year), level: "village", parent: p.code })}>{name(p)}</Link>
            ) : <span className="text-slate-800">{name(p)}</span>}
          </span>
        ))}
      </nav>
      {/* Keyed on what is shown: a link to another level or year remounts the select with the year really shown. */}
      <form key={`${year}|${data.level}|${data.parent?.code ?? ""}`} method="get" className="no-print mb-4 flex flex-wrap items-end gap-2">
        {data.level !== "township" && data.parent ? <input type="hidden" name="level" value={data.level} /> : null}
        {data.level !== "township" && data.parent ? <input type="hidden" name="parent" value={data.parent.code} /> : null}
        <label className="space-y-1 text-sm">
          <span className="block text-slate-600">{t("year")}</span>
          <Select name="year" defaultValue={String(year)} className="w-28">
            {(years.includes(year) ? years : [...years, year].sort((a, b) => b - a)).map((yr) => <option key={yr} value={yr}>{yr}</option>)}
          </Select>
        </label>
        <Button type="submit">{t("apply")}</Button>
      </form>

      {data.level === "household" ? (
        <>
          {areaTable(data.rows, false)}
          <h2 className="mb-2 mt-5 text-base font-semibold text-slate-900">{t("householdsTitle", { year })}</h2>
          {data.scopedToStation ? <div className="mb-2"><Alert>{t("operatorScope")}</Alert></div> : null}
          <Table data-testid="household-rows" label={t("householdsTitle", { year })}>
            <thead>
              <tr>
                <Th>{t("code")}</Th>
                <Th>{t("headName")}</Th>
                <Th className="text-right">{t("size")}</Th>
                <Th>{t("status")}</Th>
                <Th className="text-right">{t("registeredYear")}</Th>
                <Th className="text-right">{t("exitYear")}</Th>
                <Th className="text-right">{t("yearIncome", { year })}</Th>
                <Th className="text-right">
                  {t("perCapita")}
                  {data.households[0]?.povertyLineFen != null ? <span className="block text-xs font-normal text-slate-500">{t("line", { line: yuan(data.households[0].povertyLineFen) })}</span> : null}
                </Th>
                <Th>{t("eligible")}</Th>
                <Th className="text-right">{t("ecomIncome", { year })}</Th>
                <Th>{t("station")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.households.map((h) => (
                <Tr key={h.id} data-code={h.code}>
                  <Td primary className="whitespace-nowrap">
                    {canOpenHouseholds ? <Link className="text-brand-700 hover:underline" href={`/households/${h.id}`}>{h.code}</Link> : h.code}
                  </Td>
                  <Td primary className="whitespace-nowrap cards:justify-self-end">{h.headName}</Td>
                  <Td label={t("size")} className="text-right tabular-nums">{h.size}</Td>
                  <Td label={t("status")}>{tEnum(`HouseholdStatus.${h.status}` as "HouseholdStatus.POOR")}</Td>
                  <Td label={t("registeredYear")} className="text-right tabular-nums">{h.registeredYear}</Td>
                  <Td label={t("exitYear")} className="text-right tabular-nums">{h.exitYear ?? "—"}</Td>
                  <Td label={t("yearIncome", { year })} className="text-right tabular-nums">{yuan(h.incomeFen)}</Td>
                  <Td primary label={perCapitaLabel} className="text-right tabular-nums">{yuan(h.perCapitaFen)}</Td>
                  <Td primary className="whitespace-nowrap cards:self-end cards:justify-self-end">{h.exitEligible === null ? "—" : h.exitEligible ? <Badge tone="green">{t("yes")}</Badge> : <Badge>{h.guaranteesMet ? t("belowLine") : t("guaranteesMissing")}</Badge>}</Td>
                  <Td label={t("ecomIncome", { year })} className="text-right tabular-nums">{yuan(h.ecommerceIncomeFen)}</Td>
                  <Td label={t("station")} className="whitespace-nowrap">{h.station ? h.station.code : "—"}</Td>
                </Tr>
              ))}
              {data.households.length === 0 ? <Tr group><Td colSpan={11} className="text-slate-500">{t("noRows")}</Td></Tr> : null}
            </tbody>
          </Table>
        </>
      ) : (
        areaTable(data.rows, true, county?.rows[0])
      )}
    </>
  );
}
