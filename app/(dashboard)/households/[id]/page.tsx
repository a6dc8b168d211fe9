import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { requireSection } from "@/lib/auth/page";
import { countyToday, formatDate, formatDateTime, formatYuan, withCode } from "@/lib/format";
import { villagePlace } from "@/lib/places";
import { statusReason } from "@/lib/households/reasons";
import { GUARANTEES } from "@/lib/validation/households";
import { renderMsg, toLocale } from "@/lib/i18n";
import { ReverseButton } from "../../income/reverse-button";
import { ReversalOf } from "@/components/income/reversal-of";
import { StatusForm } from "./status-form";
import { STATUS_TONE, loadOverviewOr404 } from "../ui";
import { STATUS_TRANSITIONS, can } from "@/lib/auth/policy";
import { householdMonitoring } from "@/lib/monitoring";
import { HardshipForm } from "@/components/monitoring/forms";
import { warningText } from "@/components/monitoring/warning-text";

const TIMELINE_LIMIT = 100;

export default async function HouseholdPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ year?: string; saved?: string }> }) {
  const viewer = await requireSection("households");
  const overview = await loadOverviewOr404(viewer, (await params).id, TIMELINE_LIMIT);
  if (!overview) notFound();
  const { household, years, ledger } = overview;
  const sp = await searchParams;
  const [t, tIncome, tEnum, tCommon, tMon, tAudit, locale, monitoring] = await Promise.all([
    getTranslations("households"), getTranslations("income"), getTranslations("enums"), getTranslations("common"), getTranslations("monitoring"),
    getTranslations("audit"), getLocale(), householdMonitoring(viewer, household.id),
  ]);
  const loc = toLocale(locale);
  const defaultYear = years.find((y) => y.lineFen !== null)?.year ?? years[0]?.year;
  const selectedYear = Number(sp.year) || defaultYear;
  const assessment = years.find((y) => y.year === selectedYear) ?? years[0];
  const canWrite = can(viewer, "households.update", { stationId: household.stationId });
  const canChangeStatus = can(viewer, "households.changeStatus");
  const money = (fen: number | null) => (fen === null ? "—" : formatYuan(fen, locale));

  // The timeline: entries grouped by year, newest first.
  const shown = new Set(ledger.rows.map((e) => e.id));
  const byYear = new Map<string, typeof ledger.rows>();
  for (const e of ledger.rows) byYear.set(e.date.slice(0, 4), [...(byYear.get(e.date.slice(0, 4)) ?? []), e]);

  return (
    <>
      <PageHeader
        // The name and the bracketed code each stay on one line (a phone broke the code at its hyphen, then the name
        // between its characters): a narrow screen breaks between the two.
        title={<><span className="whitespace-nowrap">{household.headName}</span><wbr /><span className="whitespace-nowrap">{withCode(household.headName, household.code, locale).slice(household.headName.length)}</span></>}
        description={`${villagePlace(household.village, household.township, locale)}${household.station ? ` · ${household.station.name}` : ""}`}
        actions={
          canWrite ? (
            <>
              <Link className={buttonClass("primary")} href={`/income/new?household=${household.id}`}>{tIncome("record")}</Link>
              <Link className={buttonClass("secondary")} href={`/households/${household.id}/edit`}>{tCommon("edit")}</Link>
            </>
          ) : null
        }
      />
      {sp.saved ? <div className="mb-3"><Alert tone="success">{tCommon("saved")}</Alert></div> : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="min-w-0 lg:col-span-2">
          <h2 className="mb-3 font-medium">{t("profile")}</h2>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <Item label={t("fields.status")}><Badge tone={STATUS_TONE[household.status]}>{tEnum(`HouseholdStatus.${household.status}`)}</Badge></Item>
            <Item label={t("fields.size")}>{t("people", { count: household.size })}</Item>
            <Item label={t("fields.type")}>{tEnum(`HouseholdType.${household.type}`)}</Item>
            <Item label={t("fields.causes")}>{household.causes.length ? household.causes.map((c) => tEnum(`PovertyCause.${c}`)).join(locale === "en" ? ", " : "、") : "—"}</Item>
            <Item label={t("fields.registeredYear")}>{household.registeredYear}</Item>
            <Item label={t("fields.exitYear")}>{household.exitYear ?? "—"}</Item>
            <Item label={t("fields.stationId")}>{household.station ? `${household.station.code} ${household.station.name}` : "—"}</Item>
            <Item label={t("fields.villageId")}>{withCode(villagePlace(household.village, household.township, locale), household.village.code, locale)}</Item>
            <Item label={t("fields.idNumber")}><span className="font-mono">{household.idNumber ?? "—"}</span></Item>
            <Item label={t("fields.phone")}><span className="font-mono">{household.phone ?? "—"}</span></Item>
          </dl>
        </Card>
        <Card>
          <h2 className="mb-3 font-medium">{t("guarantees")}</h2>
          <ul className="space-y-1 text-sm">
            {GUARANTEES.map((g) => (
              <li key={g} className="flex items-center gap-2">
                <span aria-hidden className={household[g] ? "text-green-700" : "text-red-700"}>{household[g] ? "✓" : "✗"}</span>
                <span>{tEnum(`Guarantee.${g}`)}</span>
                <span className="sr-only">{household[g] ? tCommon("yes") : tCommon("no")}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>

      <section className="mt-4 grid gap-4 lg:grid-cols-3" aria-labelledby="assessment-title">
        <Card className="min-w-0 lg:col-span-1" data-testid="assessment">
          <h2 id="assessment-title" className="mb-2 font-medium">{t("assessmentTitle", { year: assessment.year })}</h2>
          <dl className="space-y-1 text-sm">
            <Item label={t("netIncome")}>{money(assessment.incomeFen)}</Item>
            <Item label={t("perCapita")}><span data-testid="per-capita" className="font-semibold">{money(assessment.perCapitaFen)}</span></Item>
            <Item label={t("line")}>{money(assessment.lineFen)}</Item>
          </dl>
          <div className="mt-2" data-testid="eligibility">
            {assessment.eligible ? <Badge tone="green">{t("eligible")}</Badge> : <Badge tone="red">{t("notEligible")}</Badge>}
          </div>
          {assessment.reasons.length ? (
            <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
              {assessment.reasons.map((r) => <li key={r.key}>{renderMsg(loc, r)}</li>)}
            </ul>
          ) : null}
        </Card>
        <div className="min-w-0 lg:col-span-2">
          <Table className="sm:[&_td]:whitespace-nowrap" label={t("assessmentColumn")}>
            <thead>
              <tr><Th>{t("year")}</Th><Th className="text-right">{t("netIncome")}</Th><Th className="text-right">{t("perCapita")}</Th><Th className="text-right">{t("line")}</Th><Th>{t("assessmentColumn")}</Th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {years.map((y) => (
                <Tr key={y.year} className={cn(y.year === assessment.year && "bg-brand-50 cards:bg-brand-50")}>
                  <Td primary><Link className="text-brand-700 hover:underline" href={`/households/${household.id}?year=${y.year}`} aria-current={y.year === assessment.year ? "true" : undefined}>{y.year}</Link></Td>
                  <Td label={t("netIncome")} className="text-right tabular-nums">{money(y.incomeFen)}</Td>
                  <Td label={t("perCapita")} className="text-right tabular-nums">{money(y.perCapitaFen)}</Td>
                  <Td label={t("line")} className="text-right tabular-nums">{money(y.lineFen)}</Td>
                  <Td primary className="cards:justify-self-end">{y.lineFen === null ? "—" : y.eligible ? <Badge tone="green">{t("eligible")}</Badge> : <Badge tone="slate">{t("notEligible")}</Badge>}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      </section>

      <section className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 font-medium">{t("statusHistory")}</h2>
          <ol className="space-y-2 text-sm">
            {household.statusHistory.map((c) => (
              <li key={c.id} className="border-l-2 border-slate-200 pl-3">
                <div>
                  {c.fromStatus ? `${tEnum(`HouseholdStatus.${c.fromStatus}`)} → ` : ""}
                  <strong>{tEnum(`HouseholdStatus.${c.toStatus}`)}</strong>
                  {c.year ? ` · ${c.year}` : ""}
                </div>
                <div className="text-slate-600">{statusReason(c.reason, locale)}</div>
                <div className="text-xs text-slate-500">{formatDateTime(c.changedAt, locale)}{c.changedBy ? ` · ${c.changedBy}` : ""}</div>
              </li>
            ))}
          </ol>
        </Card>
        {canChangeStatus && STATUS_TRANSITIONS[household.status] ? (
          <Card>
            <h2 className="mb-3 font-medium">{t("changeStatus")}</h2>
            <StatusForm householdId={household.id} status={household.status} targets={[...STATUS_TRANSITIONS[household.status]]}
              years={years.map((y) => ({ year: y.year, eligible: y.eligible, hasLine: y.lineFen !== null }))} />
          </Card>
        ) : null}
      </section>

      <section className="mt-4 grid gap-4 lg:grid-cols-2" aria-labelledby="monitoring-title" data-testid="household-monitoring">
        <Card className="min-w-0">
          <h2 id="monitoring-title" className="mb-2 font-medium">{tMon("householdWarnings")}{household.kind === "MONITORING" ? ` · ${tEnum("HouseholdKind.MONITORING")}` : ""}</h2>
          {monitoring.warnings.length === 0 ? <p className="text-sm text-slate-600">{tMon("noWarnings")}</p> : (
            <ul className="space-y-1 text-sm">
              {monitoring.warnings.map((w) => (
                <li key={`${w.year}-${w.rule}`}>
                  <span className="tabular-nums">{w.year}</span> <Badge tone="amber">{tEnum(`WarningRule.${w.rule}`)}</Badge> {warningText(w.rule, w.figures, tMon as never, tEnum as never, tAudit as never, locale)}
                  {!monitoring.hasOpenCase && can(viewer, "monitoring.manage", { stationId: household.stationId }) ? (
                    <> · <Link className="text-brand-700 underline underline-offset-2" href={`/monitoring/cases/new?household=${household.id}&rule=${w.rule}&year=${w.year}`}>{tMon("openCase")}</Link></>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <h3 className="mb-1 mt-4 text-sm font-medium">{tMon("cases.list")}</h3>
          {monitoring.cases.length === 0 ? <p className="text-sm text-slate-600">{tMon("cases.none")}</p> : (
            <ul className="space-y-1 text-sm">
              {monitoring.cases.map((c) => (
                <li key={c.id}><Link className="text-brand-700 underline underline-offset-2" href={`/monitoring/cases/${c.id}`}>{tMon("cases.case", { id: c.id })}</Link> · {tEnum(`CaseType.${c.type}`)} · {tEnum(`CaseStatus.${c.status}`)} · {formatDate(c.openedOn, locale)}</li>
              ))}
            </ul>
          )}
          {!monitoring.hasOpenCase && can(viewer, "monitoring.manage", { stationId: household.stationId }) ? (
            <Link className={cn(buttonClass("secondary"), "mt-3")} href={`/monitoring/cases/new?household=${household.id}`}>{tMon("cases.openTitle")}</Link>
          ) : null}
        </Card>
        <Card className="min-w-0">
          <h2 className="mb-2 font-medium">{tMon("hardships.title")}</h2>
          {monitoring.hardships.length === 0 ? <p className="text-sm text-slate-600">{tMon("hardships.none")}</p> : (
            <ul className="mb-3 space-y-1 text-sm" data-testid="hardships">
              {monitoring.hardships.map((h) => (
                <li key={h.id}>{formatDate(h.date, locale)} · {tEnum(`HardshipType.${h.type}`)}{h.amountFen !== null ? ` · ${money(h.amountFen)}` : ""}{h.note ? ` · ${h.note}` : ""}</li>
              ))}
            </ul>
          )}
          {can(viewer, "hardships.report", { stationId: household.stationId }) ? <HardshipForm householdId={household.id} today={countyToday()} /> : null}
        </Card>
      </section>

      <section className="mt-4 min-w-0" aria-labelledby="ledger-title">
        <div className="mb-2 flex flex-wrap items-end justify-between gap-2">
          <h2 id="ledger-title" className="font-medium">{t("ledger")}</h2>
          <Link className="text-sm text-brand-700 hover:underline" href={`/income?householdId=${household.id}`}>{t("fullLedger", { count: ledger.total })}</Link>
        </div>
        {ledger.rows.length === 0 ? <Card className="text-sm text-slate-600">{tIncome("noRows")}</Card> : (
          <Table className="sm:[&_td]:whitespace-nowrap" label={t("ledger")}>
            <thead>
              <tr><Th>{tIncome("date")}</Th><Th>{tIncome("source")}</Th><Th>{tIncome("category")}</Th><Th className="text-right">{tIncome("amount")}</Th><Th>{tIncome("note")}</Th><Th>{tIncome("recordedBy")}</Th><Th /></tr>
            </thead>
            {[...byYear.entries()].map(([year, entries]) => (
              <tbody key={year} className="divide-y divide-slate-100">
                <Tr group className="bg-slate-50 cards:bg-transparent"><Td colSpan={7} className="font-medium">{year}</Td></Tr>
                {entries.map((e) => (
                  <Tr key={e.id} id={`entry-${e.id}`} data-testid="ledger-row" className={cn("scroll-mt-20 target:bg-amber-50 cards:target:bg-amber-50", e.reversesId !== null && "text-slate-500")}>
                    <Td primary className="whitespace-nowrap">{formatDate(e.date, locale)}</Td>
                    <Td label={tIncome("source")} className="whitespace-nowrap">{tEnum(`IncomeSource.${e.source}`)}</Td>
                    <Td label={tIncome("category")} className="whitespace-nowrap">{tEnum(`IncomeCategory.${e.category}`)}</Td>
                    <Td primary data-testid="ledger-amount" className={cn("whitespace-nowrap text-right tabular-nums cards:justify-self-end", e.reversedById !== null && "line-through decoration-slate-400")}>{formatYuan(e.amountFen, locale)}</Td>
                    <Td label={tIncome("note")} className="min-w-40 !whitespace-normal">
                      {e.reverses ? <ReversalOf original={e.reverses} householdId={household.id} onPage={shown.has(e.reverses.id)} /> : null}
                      {e.reversalReason ?? e.note ?? ""}
                    </Td>
                    <Td label={tIncome("recordedBy")} className="whitespace-nowrap">{e.recordedBy ?? "—"}</Td>
                    <Td>
                      {e.reversedById !== null ? (
                        shown.has(e.reversedById) ? <Link href={`#entry-${e.reversedById}`} className="hover:underline"><Badge tone="slate">{tIncome("reversedBadge")}</Badge></Link> : <Badge tone="slate">{tIncome("reversedBadge")}</Badge>
                      )
                        : canWrite && e.reversesId === null && e.saleId === null ? <ReverseButton entryId={e.id} summary={`${e.date} ${formatYuan(e.amountFen, locale)}`} /> : null}
                    </Td>
                  </Tr>
                ))}
              </tbody>
            ))}
          </Table>
        )}
      </section>
    </>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="w-28 shrink-0 text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}
