import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Pager } from "@/components/network/pager";
import { ReversalOf } from "@/components/income/reversal-of";
import { Input, Select } from "@/components/ui/input";
import { Button, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { requireSection } from "@/lib/auth/page";
import { listIncomeEntries } from "@/lib/income";
import { stationOptions } from "@/lib/stations/options";
import { AppError } from "@/lib/errors";
import { formatDate, formatNumber, formatYuan, withCode } from "@/lib/format";
import { INCOME_CATEGORIES, INCOME_SOURCES, LEDGER_PAGE_SIZES } from "@/lib/validation/income";
import { flatParams, hrefWith } from "@/lib/url";
import { ReverseButton } from "./reverse-button";
import { boundStation } from "@/lib/auth/policy";
import { ExportButtons } from "@/components/download/export-buttons";

const FILTER_KEYS = ["householdId", "q", "stationId", "category", "source", "from", "to", "pageSize"] as const;

export default async function IncomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("income");
  const params = flatParams(await searchParams);
  const [t, tEnum, tCommon, locale, stations] = await Promise.all([
    getTranslations("income"), getTranslations("enums"), getTranslations("common"), getLocale(), stationOptions(viewer),
  ]);
  let badQuery = false;
  const list = await listIncomeEntries(viewer, params).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "VALIDATION") {
      badQuery = true;
      return listIncomeEntries(viewer, {});
    }
    throw e;
  });
  const q = list.query;
  const kept = Object.fromEntries(FILTER_KEYS.map((k) => [k, params[k]]));
  const shown = new Set(list.rows.map((e) => e.id));
  const exportQuery = new URLSearchParams(Object.entries(kept).filter(([, v]) => v) as [string, string][]).toString();

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Link className={buttonClass("primary")} href="/income/new">{t("record")}</Link>
            <Link className={buttonClass("secondary")} href="/income/import">{t("import")}</Link>
            <ExportButtons
              links={[
                { href: `/api/v1/income/export?format=xlsx${exportQuery ? `&${exportQuery}` : ""}`, label: t("exportXlsx"), testId: "export-xlsx" },
                { href: `/api/v1/income/export?format=csv${exportQuery ? `&${exportQuery}` : ""}`, label: t("exportCsv"), testId: "export-csv" },
              ]}
            />
          </>
        }
      />
      {badQuery ? <div className="mb-3"><Alert tone="error">{t("badQuery")}</Alert></div> : null}
      <form method="get" className="mb-3 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center [&>select]:sm:w-44 [&>input]:sm:w-44" aria-label={tCommon("filter")}>
        {q.householdId ? <input type="hidden" name="householdId" value={q.householdId} /> : null}
        <Input name="q" defaultValue={q.q ?? ""} placeholder={t("searchPlaceholder")} aria-label={t("searchPlaceholder")} className="col-span-2 sm:!w-64" />
        {boundStation(viewer) !== null ? null : (
          <Select name="stationId" defaultValue={q.stationId ?? ""} aria-label={tCommon("station")}>
            <option value="">{tCommon("station")}: {tCommon("all")}</option>
            {stations.map((s) => <option key={s.id} value={s.id}>{s.code} {s.name}</option>)}
          </Select>
        )}
        <Select name="category" defaultValue={q.category ?? ""} aria-label={t("category")}>
          <option value="">{t("category")}: {tCommon("all")}</option>
          {INCOME_CATEGORIES.map((c) => <option key={c} value={c}>{tEnum(`IncomeCategory.${c}`)}</option>)}
        </Select>
        <Select name="source" defaultValue={q.source ?? ""} aria-label={t("source")}>
          <option value="">{t("source")}: {tCommon("all")}</option>
          {INCOME_SOURCES.map((c) => <option key={c} value={c}>{tEnum(`IncomeSource.${c}`)}</option>)}
        </Select>
        <label className="flex min-w-0 flex-col gap-1 text-sm sm:w-60 sm:flex-row sm:items-center sm:gap-2">
          <span className="shrink-0 text-slate-600">{t("from")}</span>
          <Input name="from" type="date" defaultValue={q.from ?? ""} />
        </label>
        <label className="flex min-w-0 flex-col gap-1 text-sm sm:w-60 sm:flex-row sm:items-center sm:gap-2">
          <span className="shrink-0 text-slate-600">{t("to")}</span>
          <Input name="to" type="date" defaultValue={q.to ?? ""} />
        </label>
        <Select name="pageSize" defaultValue={q.pageSize} aria-label={t("pageSize")}>
          {LEDGER_PAGE_SIZES.map((n) => <option key={n} value={n}>{t("perPage", { count: n })}</option>)}
        </Select>
        <div className="col-span-2 flex gap-2 whitespace-nowrap">
          <Button type="submit" variant="secondary">{tCommon("filter")}</Button>
          <Link className={buttonClass("ghost")} href="/income">{t("clear")}</Link>
        </div>
      </form>
      {q.householdId ? (
        <p className="mb-2 text-sm">
          {t("oneHousehold")} <Link className="text-brand-700 underline underline-offset-2 hover:no-underline" href={`/households/${q.householdId}`}>{list.rows[0] ? withCode(list.rows[0].headName, list.rows[0].householdCode, locale) : `#${q.householdId}`}</Link>
        </p>
      ) : null}
      <div className="mb-3 flex flex-wrap gap-4 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm" data-testid="ledger-totals">
        <span>{t("entries")}: <strong className="tabular-nums">{formatNumber(list.total, locale)}</strong></span>
        <span>{t("netTotal")}: <strong className="tabular-nums">{formatYuan(list.sumFen, locale)}</strong></span>
      </div>
      <Table className="sm:[&_td]:whitespace-nowrap" label={t("title")}>
        <thead>
          <tr>
            <Th>{t("date")}</Th><Th>{t("household")}</Th><Th>{t("source")}</Th><Th>{t("category")}</Th>
            <Th className="text-right">{t("amount")}</Th><Th>{t("note")}</Th><Th>{t("recordedBy")}</Th><Th />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.rows.length === 0 ? <Tr group><Td colSpan={8} className="text-slate-500">{t("noRows")}</Td></Tr> : list.rows.map((e) => (
            <Tr key={e.id} id={`entry-${e.id}`} data-testid="ledger-row" className={cn("scroll-mt-20 target:bg-amber-50 cards:target:bg-amber-50", e.reversesId !== null && "text-slate-500")}>
              <Td primary className="whitespace-nowrap">{formatDate(e.date, locale)}</Td>
              <Td label={t("household")} wide className="whitespace-nowrap"><Link className="text-brand-700 hover:underline" href={`/households/${e.householdId}`}>{e.headName}</Link> <span className="font-mono text-xs text-slate-500">{e.householdCode}</span></Td>
              <Td label={t("source")} className="whitespace-nowrap">{tEnum(`IncomeSource.${e.source}`)}</Td>
              <Td label={t("category")} className="whitespace-nowrap">{tEnum(`IncomeCategory.${e.category}`)}</Td>
              <Td primary data-testid="ledger-amount" className={cn("whitespace-nowrap text-right tabular-nums cards:justify-self-end", e.reversedById !== null && "line-through decoration-slate-400")}>{formatYuan(e.amountFen, locale)}</Td>
              <Td label={t("note")} className="min-w-40 !whitespace-normal">
                {e.reverses ? <ReversalOf original={e.reverses} householdId={e.householdId} onPage={shown.has(e.reverses.id)} /> : null}
                {e.saleId !== null ? <><Badge tone="blue">{t("fromSale")}</Badge>{" "}</> : null}{e.reversalReason ?? e.note ?? ""}
              </Td>
              <Td label={t("recordedBy")} className="whitespace-nowrap">{e.recordedBy ?? "—"}</Td>
              <Td>
                {e.reversedById !== null ? <Badge tone="slate">{t("reversedBadge")}</Badge>
                  : e.reversesId === null && e.saleId === null ? <ReverseButton entryId={e.id} summary={`${e.householdCode} ${e.date} ${formatYuan(e.amountFen, locale)}`} /> : null}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pager path="/income" params={kept} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
