import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/page";
import { boundStation, can } from "@/lib/auth/policy";
import { countyToday, formatDate, formatYuan } from "@/lib/format";
import { getCase } from "@/lib/monitoring";
import { stationOptions } from "@/lib/stations/options";
import { CASE_STEPS } from "@/lib/validation/monitoring";
import { CloseCaseForm, MeasureForm, StepForm } from "@/components/monitoring/forms";

/** One monitoring case: its steps (identification, then elimination), measures, the elimination check, closing. */
export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireSection("monitoring");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) notFound();
  const [t, tEnum, locale] = await Promise.all([getTranslations("monitoring.cases"), getTranslations("enums"), getLocale()]);
  const c = await getCase(viewer, id).catch((e: { code?: string }) => {
    if (e?.code === "NOT_FOUND") notFound();
    throw e;
  });
  const today = countyToday();
  const money = (fen: number | null) => (fen === null ? "—" : formatYuan(fen, locale));
  const canManage = can(viewer, "monitoring.manage", { stationId: c.household.station?.id ?? null });
  const canDecide = can(viewer, "monitoring.decide");
  const open = c.status === "IDENTIFYING" || c.status === "MONITORED";
  const phase = c.status === "IDENTIFYING" ? "IDENTIFICATION" : "ELIMINATION";
  const nextStep = open ? CASE_STEPS[c.steps.filter((s) => s.phase === phase).length] : undefined;
  const stepAllowed = nextStep !== undefined && canManage && (nextStep !== "COUNTY_APPROVAL" || canDecide);
  const stations = canManage ? await stationOptions(viewer) : [];
  const cur = c.current;

  return (
    <>
      <PageHeader
        title={`${t("case", { id: c.id })} · ${c.household.headName}（${c.household.code}）`}
        description={`${tEnum(`CaseType.${c.type}`)} · ${c.household.village.name}${c.household.station ? ` · ${c.household.station.name}` : ""}`}
        actions={<Link className="text-sm text-brand-700 hover:underline" href={`/households/${c.householdId}`}>{t("household")}</Link>}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="min-w-0 lg:col-span-2">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div><dt className="text-slate-500">{t("status")}</dt><dd><Badge tone={c.status === "ELIMINATED" ? "green" : c.status === "CLOSED" ? "slate" : "amber"}><span data-testid="case-status">{tEnum(`CaseStatus.${c.status}`)}</span></Badge></dd></div>
            <div><dt className="text-slate-500">{t("openedOn")}</dt><dd>{formatDate(c.openedOn, locale)} · {c.warningRule && c.warningYear ? t("fromWarning", { rule: tEnum(`WarningRule.${c.warningRule}`), year: c.warningYear }) : t("direct")}</dd></div>
            <div><dt className="text-slate-500">{t("riskTypes")}</dt><dd>{c.riskTypes.map((r) => tEnum(`RiskType.${r}`)).join(locale.startsWith("zh") ? "、" : ", ")}</dd></div>
            <div><dt className="text-slate-500">{t("openingIncome", { amount: "" })}</dt><dd className="tabular-nums">{money(c.openingPerCapitaFen)}</dd></div>
            {c.identifiedOn ? <div><dd>{t("identifiedOn", { date: formatDate(c.identifiedOn, locale) })}</dd></div> : null}
            {c.eliminatedOn ? <div><dd>{t("eliminatedOn", { date: formatDate(c.eliminatedOn, locale) })}</dd></div> : null}
            {c.closedOn ? <div className="sm:col-span-2"><dd>{t("closed", { date: formatDate(c.closedOn, locale), reason: c.closedReason ?? "" })}</dd></div> : null}
            {c.note ? <div className="sm:col-span-2"><dt className="text-slate-500">{t("note")}</dt><dd>{c.note}</dd></div> : null}
          </dl>
        </Card>
        <Card data-testid="elimination-check">
          <h2 className="mb-2 font-medium">{t("elimination")}</h2>
          <p className="text-sm">
            {cur.lineFen === null ? t("noLine") : t("current", { from: formatDate(cur.from, locale), to: formatDate(cur.to, locale), income: money(cur.incomeFen), perCapita: money(cur.perCapitaFen), line: money(cur.lineFen) })}
          </p>
          <p className="mt-1 text-sm">{cur.eliminationRefusals.includes("guarantees") ? t("guaranteesMissing") : t("guaranteesHold")}</p>
          <div className="mt-2">
            {cur.eliminationRefusals.length === 0 ? <Alert tone="success">{t("canEliminate")}</Alert> : <Alert tone="info">{t("cannotEliminate")}</Alert>}
          </div>
        </Card>
      </div>

      <section className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card className="min-w-0">
          <h2 className="mb-2 font-medium">{t("steps")}</h2>
          {c.steps.length === 0 ? <p className="text-sm text-slate-600">{t("noSteps")}</p> : (
            <div>
              <Table data-testid="case-steps" label={t("steps")}>
                <thead><tr><Th>{t("date")}</Th><Th>{t("steps")}</Th><Th>{t("actor")}</Th><Th>{t("recordedBy")}</Th></tr></thead>
                <tbody>
                  {c.steps.map((s) => (
                    <Tr key={s.id}>
                      <Td label={t("date")} className="whitespace-nowrap">{formatDate(s.date, locale)}</Td>
                      <Td primary wide label={t("steps")}>{tEnum(`CasePhase.${s.phase}`)} · {tEnum(`CaseStepKind.${s.step}`)}{s.note ? <div className="text-xs font-normal text-slate-500">{s.note}</div> : null}</Td>
                      <Td label={t("actor")}>{s.actor}</Td>
                      <Td label={t("recordedBy")} className="text-xs">{s.recordedBy?.name ?? "—"}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
          {stepAllowed ? <div className="mt-3 border-t border-slate-100 pt-3"><StepForm caseId={c.id} phase={phase} step={nextStep!} today={today} /></div> : null}
          {open && nextStep === "COUNTY_APPROVAL" && !canDecide ? <p className="mt-3 text-sm text-slate-600">{t("countyStep")}</p> : null}
        </Card>
        <Card className="min-w-0">
          <h2 className="mb-2 font-medium">{t("measures")}</h2>
          {c.measures.length === 0 ? <p className="text-sm text-slate-600">{t("noMeasures")}</p> : (
            <div>
              <Table data-testid="case-measures" label={t("measures")}>
                <thead><tr><Th>{t("date")}</Th><Th>{t("kind")}</Th><Th>{t("measureStation")}</Th><Th>{t("actor")}</Th></tr></thead>
                <tbody>
                  {c.measures.map((m) => (
                    <Tr key={m.id}>
                      <Td label={t("date")} className="whitespace-nowrap">{formatDate(m.date, locale)}</Td>
                      <Td primary wide label={t("kind")}>{tEnum(`MeasureKind.${m.kind}`)}{m.note ? <div className="text-xs font-normal text-slate-500">{m.note}</div> : null}</Td>
                      <Td wide label={t("measureStation")}>{m.station ? `${m.station.code} ${m.station.name}` : "—"}</Td>
                      <Td label={t("actor")}>{m.actor}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
          {open && canManage ? <div className="mt-3 border-t border-slate-100 pt-3"><MeasureForm caseId={c.id} stations={stations} today={today} fixedStationId={boundStation(viewer)} /></div> : null}
        </Card>
      </section>
      {open && canDecide ? (
        <Card className="mt-4 max-w-2xl">
          <CloseCaseForm caseId={c.id} today={today} />
        </Card>
      ) : null}
    </>
  );
}
