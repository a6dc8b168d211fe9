import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, PageHeader, Stat } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Field, Select } from "@/components/ui/input";
import { Button, buttonClass } from "@/components/ui/button";
import { requireSection } from "@/lib/auth/page";
import { boundStation, can } from "@/lib/auth/policy";
import { formatNumber, formatPercent, formatYuan } from "@/lib/format";
import { listWarnings, monitoringLineOf, monitoringSummary, monitoringTrend } from "@/lib/monitoring";
import { ChartFigure } from "@/components/progress/chart-figure";
import { Pager } from "@/components/network/pager";
import { stationOptions } from "@/lib/stations/options";
import { WARNING_RULE_VALUES } from "@/lib/validation/monitoring";
import { warningText } from "@/components/monitoring/warning-text";

type Search = { year?: string; level?: string; parent?: string; station?: string; rule?: string; page?: string };

/**
 * Relapse-prevention monitoring: the consolidation summary of a year and its warnings, per township → village →
 * households and per station, each household with the rules that fired and their figures. All from summaries.
 */
export default async function MonitoringPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireSection("monitoring");
  const sp = await searchParams;
  const ownStation = boundStation(viewer);
  const [t, tEnum, tAudit, locale, stations] = await Promise.all([
    getTranslations("monitoring"), getTranslations("enums"), getTranslations("audit"), getLocale(), stationOptions(viewer),
  ]);
  const stationCode = ownStation !== null ? stations.find((s) => s.id === ownStation)?.code : sp.station || undefined;
  const query = { year: sp.year, level: sp.level || "county", parent: sp.parent, station: stationCode, rule: sp.rule, page: sp.page };
  // The summary, its trend and the warnings follow the drill-down: a township's or village's figures once chosen.
  const area = query.level === "township" || query.level === "village" || query.level === "household" ? sp.parent || undefined : undefined;
  const [list, summary, trend] = await Promise.all([
    listWarnings(viewer, query), monitoringSummary(viewer, { year: sp.year, station: stationCode, area }), monitoringTrend(viewer, { station: stationCode, area }),
  ]);
  const areaName = summary.area ? (locale.startsWith("en") && summary.area.nameEn ? summary.area.nameEn : summary.area.name) : null;
  const line = list.year !== null ? await monitoringLineOf(list.year) : null;
  const money = (fen: number | null) => (fen === null ? "—" : formatYuan(fen, locale));
  const n = (v: number) => formatNumber(v, locale);
  const href = (over: Partial<Search>) => {
    const p = new URLSearchParams();
    const merged = { year: String(list.year ?? ""), station: sp.station, rule: sp.rule, ...over };
    for (const [k, v] of Object.entries(merged)) if (v) p.set(k, v);
    return `/monitoring?${p}`;
  };
  const canOpen = can(viewer, "monitoring.manage");
  const areaLevel = list.level === "county" || list.level === "township" || list.level === "station";
  const childLevel = list.level === "county" ? "township" : "village";

  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} actions={<Link className={buttonClass("secondary")} href="/monitoring/cases">{t("cases.list")}</Link>} />
      <form className="mb-4 flex flex-wrap items-end gap-3" method="get">
        <Field label={t("year")} htmlFor="m-year">
          <Select id="m-year" name="year" defaultValue={String(list.year ?? "")}>
            {list.years.map((y) => <option key={y} value={y}>{y}</option>)}
          </Select>
        </Field>
        {ownStation === null ? (
          <Field label={t("station")} htmlFor="m-station">
            <Select id="m-station" name="station" defaultValue={sp.station ?? ""}>
              <option value="">{t("allStations")}</option>
              {stations.map((s) => <option key={s.id} value={s.code}>{s.code} {s.name}</option>)}
            </Select>
          </Field>
        ) : null}
        <Field label={t("rule")} htmlFor="m-rule">
          <Select id="m-rule" name="rule" defaultValue={sp.rule ?? ""}>
            <option value="">{t("allRules")}</option>
            {WARNING_RULE_VALUES.map((r) => <option key={r} value={r}>{tEnum(`WarningRule.${r}`)}</option>)}
          </Select>
        </Field>
        <input type="hidden" name="level" value={list.level === "station" ? "station" : list.level} />
        {sp.parent ? <input type="hidden" name="parent" value={sp.parent} /> : null}
        <Button type="submit" variant="secondary">{t("apply")}</Button>
      </form>
      {line ? (
        <p className="mb-3 text-sm text-slate-600" data-testid="monitoring-line">
          {line.verified ? t("line", { line: money(line.fenPerPerson) }) : t("approximateLine", { line: money(line.fenPerPerson) })}
          {list.asOf ? ` · ${t("asOf", { date: list.asOf })}` : ""}
        </p>
      ) : null}

      <section aria-labelledby="summary-title" className="mb-6">
        <h2 id="summary-title" className="mb-2 font-medium">{t("summaryTitle")} · {summary.year}{areaName ? ` · ${areaName}` : ""}</h2>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="monitoring-summary">
          <Stat label={t("monitoredHouseholds")} value={<span data-testid="stat-monitored">{n(summary.monitored.households)}</span>} hint={`${n(summary.monitored.people)} ${t("monitoredPeople")}`} />
          <Stat label={t("newlyIdentified")} value={<span data-testid="stat-new">{n(summary.newlyIdentified)}</span>} />
          <Stat label={t("eliminated")} value={<span data-testid="stat-eliminated">{n(summary.eliminated)}</span>} />
          <Stat label={t("stillAtRisk")} value={<span data-testid="stat-at-risk">{n(summary.stillAtRisk.households)}</span>} hint={`${n(summary.stillAtRisk.people)} ${t("monitoredPeople")}`} />
          <Stat label={t("warnedHouseholds")} value={<span data-testid="stat-warned">{n(summary.warnedHouseholds)}</span>} />
          <Stat label={t("withoutCase")} value={<span data-testid="stat-without-case">{n(summary.warningsWithoutCase)}</span>} hint={t("target")} />
          <Stat label={t("ecommerceShare")} value={formatPercent(summary.ecommerce.sharePct, locale)} hint={`${n(summary.ecommerce.withEcommerce)} / ${n(summary.ecommerce.cases)}`} />
          <Stat label={t("ecommerceChange")} value={money(summary.ecommerce.avgPerCapitaChangeFen)} />
        </div>
        {summary.monitored.byType.length > 0 ? (
          <div className="mt-3">
            {/* Three columns: a table on phones too. */}
            <Table cards={false} label={`${t("monitoredHouseholds")} · ${t("byType")}`} data-testid="by-type">
              <thead><tr><Th>{t("byType")}</Th><Th className="text-right">{t("households")}</Th><Th className="text-right">{t("people")}</Th></tr></thead>
              <tbody>
                {summary.monitored.byType.map((r) => (
                  <Tr key={r.type}><Td rowHeader className="font-normal">{tEnum(`CaseType.${r.type}`)}</Td><Td className="text-right tabular-nums">{n(r.households)}</Td><Td className="text-right tabular-nums">{n(r.people)}</Td></Tr>
                ))}
              </tbody>
            </Table>
          </div>
        ) : null}
        {trend.length > 1 ? (
          <div className="mt-4">
            <h3 className="mb-1 text-sm font-semibold text-slate-900">{t("trendTitle")}</h3>
            <ChartFigure
              spec={{
                id: "monitoring-trend", title: `${t("trendTitle")}${areaName ? ` · ${areaName}` : ""}`, locale, saveLabel: t("saveImage"),
                kind: "bar", categories: trend.map((r) => String(r.year)), labels: true, unit: "count", valueAxisName: t("countAxis"), height: 260,
                series: [
                  { name: t("newlyIdentified"), values: trend.map((r) => r.newlyIdentified), color: "#d97706" },
                  { name: t("eliminated"), values: trend.map((r) => r.eliminated), color: "#1f7a46" },
                  { name: t("stillAtRiskEnd"), values: trend.map((r) => r.stillAtRisk), color: "#dc2626" },
                  { name: t("withoutCase"), values: trend.map((r) => r.withoutCase), color: "#64748b" },
                ],
              }}
              table={{
                caption: t("trendTitle"),
                head: [t("year"), t("monitoredHouseholds"), t("newlyIdentified"), t("eliminated"), t("stillAtRiskEnd"), t("warnedHouseholds"), t("withoutCase")],
                rows: trend.map((r) => ({ key: String(r.year), cells: [String(r.year), n(r.monitored), n(r.newlyIdentified), n(r.eliminated), n(r.stillAtRisk), n(r.warned), n(r.withoutCase)] })),
              }}
              tableLabel={t("dataTable")}
              note={t("trendNote")}
            />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="warnings-title" className="min-w-0">
        <div className="mb-2 flex flex-wrap items-center gap-3">
          <h2 id="warnings-title" className="font-medium">{t("warningsTitle")}{list.parent ? ` · ${list.parent.name}` : ""}</h2>
          <nav className="flex flex-wrap gap-2 text-sm">
            <Link className="text-brand-700 hover:underline" href={href({ level: "county" })}>{t("byArea")}</Link>
            {ownStation === null ? <Link className="text-brand-700 hover:underline" href={href({ level: "station" })}>{t("byStation")}</Link> : null}
            <Link className="text-brand-700 hover:underline" href={href({ level: "household" })}>{t("households")}</Link>
            {list.level !== "county" && list.level !== "station" ? <Link className="text-brand-700 hover:underline" href={href({ level: "county" })}>{t("back")}</Link> : null}
          </nav>
        </div>
        {areaLevel ? (
          list.rows.length === 0 ? <Card className="text-sm text-slate-600">{t("noWarnings")}</Card> : (
            <div>
              <Table data-testid="warning-areas" label={`${t("warningsTitle")} · ${list.parent ? list.parent.name : list.level === "station" ? t("byStation") : t("byArea")}`}>
                <thead>
                  <tr>
                    <Th>{list.level === "station" ? t("station") : t("area")}</Th>
                    <Th className="text-right">{t("warnedHouseholds")}</Th>
                    {WARNING_RULE_VALUES.map((r) => <Th key={r} className="text-right">{tEnum(`WarningRule.${r}`)}</Th>)}
                    <Th className="text-right">{t("withoutCase")}</Th>
                    <Th className="text-right">{t("monitoredHouseholds")}</Th>
                    <Th className="text-right">{t("eliminated")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {list.rows.map((r) => (
                    <Tr key={r.code || "none"}>
                      <Td rowHeader primary wide className="font-normal">
                        {list.level === "station" ? (
                          r.code ? <Link className="text-brand-700 hover:underline" href={href({ level: "household", station: r.code })}>{r.code} {r.name}</Link> : "—"
                        ) : (
                          <Link className="text-brand-700 hover:underline" href={href(list.level === "county" ? { level: childLevel, parent: r.code } : { level: "village", parent: r.code })}>
                            {locale.startsWith("en") && r.nameEn ? r.nameEn : r.name}
                          </Link>
                        )}
                      </Td>
                      <Td primary label={t("warnedHouseholds")} className="text-right tabular-nums">{n(r.households)}</Td>
                      {WARNING_RULE_VALUES.map((rule) => <Td key={rule} label={tEnum(`WarningRule.${rule}`)} className="text-right tabular-nums">{n(Number(r[rule] ?? 0))}</Td>)}
                      <Td primary label={t("withoutCase")} className="text-right tabular-nums">{r.withoutCase > 0 ? <Badge tone="amber">{n(r.withoutCase)}</Badge> : "0"}</Td>
                      <Td primary label={t("monitoredHouseholds")} className="text-right tabular-nums">{n(r.monitored)}</Td>
                      <Td label={t("eliminated")} className="text-right tabular-nums">{n(r.eliminated)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )
        ) : list.households.length === 0 ? <Card className="text-sm text-slate-600">{t("noWarnings")}</Card> : (
          <div>
            <Table data-testid="warning-households" label={`${t("warningsTitle")} · ${list.parent ? list.parent.name : t("households")}`}>
              <thead><tr><Th>{t("code")}</Th><Th>{t("headName")}</Th><Th>{t("area")}</Th><Th className="text-right">{t("perCapita")}</Th><Th>{t("figures")}</Th><Th>{t("case")}</Th></tr></thead>
              <tbody>
                {list.households.map((h) => (
                  <Tr key={h.id} data-household={h.code}>
                    <Td rowHeader primary className="whitespace-nowrap font-normal"><Link className="text-brand-700 hover:underline" href={`/households/${h.id}`}>{h.code}</Link></Td>
                    <Td primary className="whitespace-nowrap cards:justify-self-end">{h.headName}</Td>
                    <Td label={t("area")} className="text-sm">{h.village.name}{h.station ? ` · ${h.station.code}` : ""}</Td>
                    <Td primary label={t("perCapita")} className="text-right tabular-nums whitespace-nowrap">{money(h.perCapitaFen)}</Td>
                    <Td primary wide label={t("figures")} className="min-w-[16rem] cards:text-sm cards:font-normal!">
                      <ul className="space-y-1 text-sm">
                        {h.warnings.map((w) => (
                          <li key={w.rule}><Badge tone={w.rule === "LOW_INCOME" || w.rule === "HARDSHIP" ? "red" : "amber"}>{tEnum(`WarningRule.${w.rule}`)}</Badge>{" "}
                            {warningText(w.rule, w.figures, t as never, tEnum as never, tAudit as never, locale)}</li>
                        ))}
                      </ul>
                    </Td>
                    <Td label={t("case")}>
                      {h.case ? <Link className="text-brand-700 hover:underline" href={`/monitoring/cases/${h.case.id}`}>{tEnum(`CaseStatus.${h.case.status}`)}</Link>
                        : canOpen && can(viewer, "monitoring.manage", { stationId: h.station?.id ?? null }) ? (
                          <Link className={buttonClass("primary")} href={`/monitoring/cases/new?household=${h.id}&rule=${h.warnings[0]?.rule ?? ""}&year=${list.year}`}>{t("openCase")}</Link>
                        ) : <Badge tone="amber">{t("noCase")}</Badge>}
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
            <div className="mt-2">
              <Pager path="/monitoring" params={{ year: String(list.year ?? ""), station: sp.station, rule: sp.rule, level: list.level, parent: sp.parent }} page={list.page} pageSize={list.pageSize} total={list.total} />
            </div>
          </div>
        )}
      </section>
    </>
  );
}
