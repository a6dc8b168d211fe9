import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader, Stat } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Input, Select } from "@/components/ui/input";
import { Button, buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/network/pager";
import { flatParams, hrefWith, pick } from "@/lib/url";
import { withQueryFallback } from "@/components/network/page-data";
import { requireSection } from "@/lib/auth/page";
import { listSales, salesTotals } from "@/lib/sales";
import { productOptions } from "@/lib/products";
import { stationOptions } from "@/lib/stations/options";
import { formatDate, formatNumber, formatYuan } from "@/lib/format";
import { unitShort } from "@/lib/units";
import { Platform } from "@/lib/generated/prisma/enums";
import { SALE_STATES } from "@/lib/validation/sales";
import { boundStation } from "@/lib/auth/policy";

const FILTERS = ["stationId", "productId", "channel", "from", "to", "state", "householdId"] as const;

export default async function SalesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("sales");
  const params = pick(flatParams(await searchParams), [...FILTERS, "page"]);
  const filters = pick(params, FILTERS);
  const [t, tEnum, tCommon, locale] = await Promise.all([getTranslations("sales"), getTranslations("enums"), getTranslations("common"), getLocale()]);
  const { data, badQuery } = await withQueryFallback(async (q) => {
    const [list, totals] = await Promise.all([listSales(viewer, q), salesTotals(viewer, q)]);
    return { list, totals };
  }, params);
  const { list, totals } = data;
  const [products, stations] = await Promise.all([productOptions(viewer), stationOptions(viewer)]);
  const yuan = (fen: number) => formatYuan(fen, locale);
  const n = (v: number) => formatNumber(v, locale);
  const productName = (p: { name: string; nameEn: string | null }) => (locale === "en" && p.nameEn ? p.nameEn : p.name);
  const isOperator = boundStation(viewer) !== null;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={<Link className={buttonClass("primary")} href={hrefWith("/sales/new", { stationId: filters.stationId })}>{t("new")}</Link>}
      />
      {badQuery ? <div className="mb-3"><Alert tone="error">{t("badQuery")}</Alert></div> : null}

      <form key={JSON.stringify(filters)} method="get" className="mb-4 grid grid-cols-2 items-end gap-2 sm:grid-cols-3 lg:grid-cols-7" aria-label={tCommon("filter")}>
        {isOperator ? null : (
          <Select name="stationId" defaultValue={filters.stationId ?? ""} aria-label={t("station")}>
            <option value="">{t("station")}: {tCommon("all")}</option>
            {stations.map((s) => <option key={s.id} value={s.id}>{s.code} {s.name}</option>)}
          </Select>
        )}
        <Select name="productId" defaultValue={filters.productId ?? ""} aria-label={t("product")}>
          <option value="">{t("product")}: {tCommon("all")}</option>
          {products.map((p) => <option key={p.id} value={p.id}>{productName(p)}</option>)}
        </Select>
        <Select name="channel" defaultValue={filters.channel ?? ""} aria-label={t("channel")}>
          <option value="">{t("channel")}: {tCommon("all")}</option>
          {Object.values(Platform).map((c) => <option key={c} value={c}>{tEnum(`Platform.${c}`)}</option>)}
        </Select>
        <Select name="state" defaultValue={filters.state ?? ""} aria-label={t("state")}>
          <option value="">{t("state")}: {tCommon("all")}</option>
          {SALE_STATES.map((s) => <option key={s} value={s}>{t(s)}</option>)}
        </Select>
        {/* Two date fields look alike: below the one-line desktop bar each says what it is. Kept as a pair on one row. */}
        <div className="col-span-2 grid grid-cols-2 items-end gap-2">
          <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-600">
            <span className="lg:sr-only">{t("from")}</span>
            <Input type="date" name="from" defaultValue={filters.from ?? ""} title={t("from")} />
          </label>
          <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-600">
            <span className="lg:sr-only">{t("to")}</span>
            <Input type="date" name="to" defaultValue={filters.to ?? ""} title={t("to")} />
          </label>
        </div>
        <div className="flex gap-2">
          <Button type="submit">{t("apply")}</Button>
          <Link className={buttonClass("ghost", "whitespace-nowrap")} href="/sales">{t("reset")}</Link>
        </div>
      </form>

      <h2 className="mb-2 text-sm font-medium text-slate-700">{t("totals")}</h2>
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Stat label={t("count")} value={<span data-testid="sales-count">{n(totals.count)}</span>} />
        <Stat label={t("amount")} value={<span data-testid="sales-amount">{yuan(totals.amountFen)}</span>} />
        <Stat label={t("payout")} value={<span data-testid="sales-payout">{yuan(totals.payoutFen)}</span>} />
      </div>
      <div className="mb-6 grid grid-cols-1 gap-3 lg:grid-cols-2">
        <TotalsTable title={t("byProduct")} label={t("product")} count={t("count")} amount={t("amount")}
          rows={totals.byProduct.map((r) => ({ key: String(r.product.id), label: productName(r.product), count: n(r.count), amount: yuan(r.amountFen), href: hrefWith("/sales", filters, { productId: r.product.id }) }))} />
        <TotalsTable title={t("byChannel")} label={t("channel")} count={t("count")} amount={t("amount")}
          rows={totals.byChannel.map((r) => ({ key: r.channel, label: tEnum(`Platform.${r.channel}`), count: n(r.count), amount: yuan(r.amountFen), href: hrefWith("/sales", filters, { channel: r.channel }) }))} />
        <TotalsTable title={t("byStation")} label={t("station")} count={t("count")} amount={t("amount")}
          rows={totals.byStation.map((r) => ({ key: String(r.station.id), label: `${r.station.code} ${r.station.name}`, count: n(r.count), amount: yuan(r.amountFen), href: hrefWith("/sales", filters, { stationId: r.station.id }) }))} />
        <TotalsTable title={t("byMonth")} label={t("month")} count={t("count")} amount={t("amount")}
          rows={totals.byMonth.map((r) => ({ key: r.month, label: r.month, count: n(r.count), amount: yuan(r.amountFen) }))} />
      </div>

      <Table label={t("title")}>
        <thead>
          <tr>
            <Th>{t("date")}</Th>
            <Th>{t("product")}</Th>
            {isOperator ? null : <Th>{t("station")}</Th>}
            <Th>{t("channel")}</Th>
            <Th className="text-right">{t("quantity")}</Th>
            <Th className="text-right">{t("amount")}</Th>
            <Th className="text-right">{t("payout")}</Th>
            <Th className="text-right">{t("supplierCount")}</Th>
            <Th>{t("state")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.items.length === 0 ? (
            <Tr group><Td colSpan={9} className="text-slate-500">{t("noRows")}</Td></Tr>
          ) : list.items.map((s) => (
            <Tr key={s.id} data-testid="sale-row" className={s.reversed ? "text-slate-600" : undefined}>
              <Td primary className="whitespace-nowrap"><Link className="text-brand-700 hover:underline" href={`/sales/${s.id}`}>{formatDate(s.date, locale)}</Link></Td>
              <Td label={t("product")} className="whitespace-nowrap">{productName(s.product)}</Td>
              {isOperator ? null : <Td label={t("station")} className="whitespace-nowrap">{s.station.code}</Td>}
              <Td label={t("channel")} className="whitespace-nowrap">{tEnum(`Platform.${s.channel}`)}</Td>
              <Td label={t("quantity")} className="whitespace-nowrap text-right tabular-nums">{formatNumber(s.quantity, locale, 3)} {unitShort(s.product.unit, locale)}</Td>
              <Td primary data-testid="sale-amount" className="whitespace-nowrap text-right tabular-nums cards:justify-self-end">{yuan(s.amountFen)}</Td>
              <Td label={t("payout")} className="whitespace-nowrap text-right tabular-nums">{yuan(s.payoutFen)}</Td>
              <Td label={t("supplierCount")} className="text-right tabular-nums" title={s.suppliers.map((x) => x.headName).join("、")}>{n(s.suppliers.length)}</Td>
              <Td label={t("state")} className="whitespace-nowrap">{s.reversed ? <Badge tone="red">{t("reversed")}</Badge> : <Badge tone="green">{t("active")}</Badge>}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pager path="/sales" params={filters} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}

function TotalsTable({ title, label, count, amount, rows }: { title: string; label: string; count: string; amount: string; rows: { key: string; label: string; count: string; amount: string; href?: string }[] }) {
  return (
    <Card className="p-0">
      <details open>
        <summary className="cursor-pointer px-4 py-2 text-sm font-medium">{title} <span className="text-slate-500">({rows.length})</span></summary>
        <div className="max-h-72 overflow-auto border-t border-slate-100" tabIndex={0} role="region" aria-label={title}>
          <table className="min-w-full text-sm">
            <thead>
              <tr className="bg-slate-50 text-left text-slate-700">
                <th scope="col" className="px-3 py-1.5 font-medium">{label}</th>
                <th scope="col" className="px-3 py-1.5 text-right font-medium">{count}</th>
                <th scope="col" className="px-3 py-1.5 text-right font-medium">{amount}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.key}>
                  <td className="px-3 py-1.5">{r.href ? <Link className="text-brand-700 hover:underline" href={r.href}>{r.label}</Link> : r.label}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{r.count}</td>
                  <td className="whitespace-nowrap px-3 py-1.5 text-right tabular-nums">{r.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Card>
  );
}
