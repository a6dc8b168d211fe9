// An OPERATOR's home: their own station's day first (today's ledger entries and sales, households to follow up),
// above the county figures. Lists, not tables: they read the same on a phone.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { formatDate, formatNumber, formatYuan } from "@/lib/format";
import { villagePlace } from "@/lib/places";
import { unitShort } from "@/lib/units";
import type { StationDay } from "@/lib/stations/today";

const STATUS_TONE = { POOR: "amber", EXITED: "green", MONITORED: "blue" } as const;

export async function StationDaySection({ day, locale }: { day: StationDay; locale: string }) {
  const [t, tEnum] = await Promise.all([getTranslations("home"), getTranslations("enums")]);
  const yuan = (fen: number) => formatYuan(fen, locale);
  const todayQuery = `from=${day.today}&to=${day.today}`;
  const productName = (p: { name: string; nameEn: string | null }) => (locale === "en" && p.nameEn ? p.nameEn : p.name);
  const more = (shown: number, total: number, href: string) =>
    total > shown ? <Link className="mt-2 inline-block text-sm text-brand-700 underline" href={href}>{t("seeAll", { count: total })}</Link> : null;

  return (
    <section aria-labelledby="station-day" className="mb-6 space-y-3" data-testid="station-day" data-station={day.station.code}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="station-day" className="text-lg font-semibold text-slate-900">
          {t("title", { name: day.station.name, code: day.station.code })}
        </h2>
        <p className="text-sm text-slate-600">{t("today", { date: formatDate(day.today, locale) })}</p>
      </div>
      <div className="grid grid-cols-1 items-start gap-3 lg:grid-cols-2">
        <div className="grid min-w-0 gap-3">
          <Card className="min-w-0" data-testid="today-income">
            <h3 className="text-sm font-semibold text-slate-900">{t("incomeTitle")}</h3>
            <p className="mt-1 text-sm text-slate-600">
              <span data-figure="today-income-count" data-value={day.income.total}>{t("entries", { count: day.income.total })}</span>
              {" · "}
              <span className="tabular-nums" data-figure="today-income-sum" data-value={day.income.sumFen}>{t("net", { amount: yuan(day.income.sumFen) })}</span>
            </p>
            {day.income.rows.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">{t("noIncome")}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {day.income.rows.map((e) => (
                  <li key={e.id} className="flex items-baseline justify-between gap-2 py-1.5">
                    <span className="min-w-0">
                      <Link className="text-brand-700 underline" href={`/households/${e.householdId}`}>{e.headName}</Link>
                      <span className="block text-xs text-slate-500">
                        {e.householdCode} · {e.reversesId ? t("reversal") : tEnum(`IncomeSource.${e.source}`)}
                      </span>
                    </span>
                    <span className={`shrink-0 tabular-nums ${e.amountFen < 0 ? "text-red-700" : ""}`}>{yuan(e.amountFen)}</span>
                  </li>
                ))}
              </ul>
            )}
            {more(day.income.rows.length, day.income.total, `/income?${todayQuery}`)}
            <div className="mt-3"><Link className={buttonClass("secondary")} href="/income/new">{t("recordIncome")}</Link></div>
          </Card>

          <Card className="min-w-0" data-testid="today-sales">
            <h3 className="text-sm font-semibold text-slate-900">{t("salesTitle")}</h3>
            <p className="mt-1 text-sm text-slate-600">
              <span data-figure="today-sales-count" data-value={day.sales.activeCount}>{t("sales", { count: day.sales.activeCount })}</span>
              {" · "}
              <span className="tabular-nums" data-figure="today-sales-amount" data-value={day.sales.amountFen}>{yuan(day.sales.amountFen)}</span>
            </p>
            {day.sales.rows.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">{t("noSales")}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {day.sales.rows.map((s) => (
                  <li key={s.id} className="flex items-baseline justify-between gap-2 py-1.5">
                    <span className="min-w-0">
                      <Link className="text-brand-700 underline" href={`/sales/${s.id}`}>{productName(s.product)}</Link>
                      <span className="block text-xs text-slate-500">
                        {formatNumber(s.quantity, locale, 3)} {unitShort(s.product.unit, locale)} · {tEnum(`Platform.${s.channel}`)}
                        {s.reversed ? <> · <Badge tone="red">{t("reversedSale")}</Badge></> : null}
                      </span>
                    </span>
                    <span className={`shrink-0 tabular-nums ${s.reversed ? "text-slate-400 line-through" : ""}`}>{yuan(s.amountFen)}</span>
                  </li>
                ))}
              </ul>
            )}
            {more(day.sales.rows.length, day.sales.total, `/sales?${todayQuery}`)}
            <div className="mt-3"><Link className={buttonClass("secondary")} href="/sales/new">{t("recordSale")}</Link></div>
          </Card>
        </div>

        <Card className="min-w-0" data-testid="follow-up">
          <h3 className="text-sm font-semibold text-slate-900">{t("followUpTitle")}</h3>
          <p className="mt-1 text-sm text-slate-600">
            <span data-figure="follow-up-count" data-value={day.followUp.total}>{t("followUpCount", { count: day.followUp.total })}</span>
          </p>
          <p className="mt-1 text-xs text-slate-500">{t("followUpRule", { days: day.followUp.days })}</p>
          {day.followUp.rows.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">{t("noFollowUp")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {day.followUp.rows.map((h) => (
                <li key={h.id} className="py-1.5">
                  <Link className="text-brand-700 underline" href={`/households/${h.id}`}>{h.headName}</Link>{" "}
                  <Badge tone={STATUS_TONE[h.status]}>{tEnum(`HouseholdStatus.${h.status}`)}</Badge>
                  <span className="block text-xs text-slate-500">
                    {h.code} · {villagePlace(h.village, h.township, locale)} ·{" "}
                    <span className="text-slate-700">{h.lastEntryOn ? t("lastEntry", { date: formatDate(h.lastEntryOn, locale) }) : t("neverRecorded")}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {day.followUp.total > day.followUp.rows.length ? <p className="mt-2 text-xs text-slate-500">{t("followUpMore", { count: day.followUp.total - day.followUp.rows.length })}</p> : null}
          <div className="mt-3"><Link className={buttonClass("secondary")} href="/households">{t("registry")}</Link></div>
        </Card>
      </div>
    </section>
  );
}
