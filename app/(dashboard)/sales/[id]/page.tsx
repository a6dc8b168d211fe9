import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { loadOr404 } from "@/components/network/page-data";
import { requireSection } from "@/lib/auth/page";
import { can } from "@/lib/auth/policy";
import { getSale } from "@/lib/sales";
import { formatDate, formatDateTime, formatNumber, formatYuan } from "@/lib/format";
import { ReverseSaleForm } from "./reverse-form";
import { unitShort } from "@/lib/units";

export default async function SalePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ recorded?: string }> }) {
  const viewer = await requireSection("sales");
  const sale = await loadOr404(async () => getSale(viewer, Number((await params).id)));
  const recorded = (await searchParams).recorded === "1";
  const [t, tEnum, tIncome, locale] = await Promise.all([getTranslations("sales"), getTranslations("enums"), getTranslations("income"), getLocale()]);
  const yuan = (fen: number) => formatYuan(fen, locale);
  const product = locale === "en" && sale.product.nameEn ? sale.product.nameEn : sale.product.name;
  const outside = sale.suppliers.filter((s) => s.outsideCoverage);
  const byHousehold = new Map(sale.suppliers.map((s) => [s.householdId, s]));
  const entryById = new Map(sale.incomeEntries.map((e) => [e.id, e]));

  return (
    <>
      <PageHeader
        title={t("detail", { id: sale.id })}
        description={`${formatDate(sale.date, locale)} · ${product} · ${sale.station.code} ${sale.station.name}`}
        actions={<Link className={buttonClass("secondary")} href="/sales">{t("back")}</Link>}
      />
      <div className="mb-4 space-y-2">
        {recorded ? (
          <Alert tone="success">
            {t("recorded")}{" "}
            <Link className="font-medium underline" href="/sales/new">{t("recordAnother")}</Link>
          </Alert>
        ) : null}
        {outside.length > 0 && !sale.reversed ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status" data-testid="coverage-warning">
            {t("outsideWarning", { list: outside.map((s) => `${s.headName}（${s.code}，${s.villageName}）`).join("、") })}
          </div>
        ) : null}
        {sale.reversed ? (
          <Alert tone="error">
            {t("reversedNotice", { at: formatDateTime(sale.reversedAt!, locale), by: sale.reversedBy?.name ?? "—", reason: sale.reversalReason ?? "" })}
          </Alert>
        ) : null}
      </div>

      <Card className="mb-4">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
          <div><dt className="text-slate-500">{t("channel")}</dt><dd>{tEnum(`Platform.${sale.channel}`)}</dd></div>
          <div><dt className="text-slate-500">{t("quantity")}</dt><dd className="tabular-nums">{formatNumber(sale.quantity, locale, 3)} {unitShort(sale.product.unit, locale)}</dd></div>
          <div><dt className="text-slate-500">{t("amount")}</dt><dd className="tabular-nums" data-testid="sale-amount">{yuan(sale.amountFen)}</dd></div>
          <div><dt className="text-slate-500">{t("payout")}</dt><dd className="tabular-nums">{yuan(sale.payoutFen)}</dd></div>
          <div><dt className="text-slate-500">{t("state")}</dt><dd>{sale.reversed ? <Badge tone="red">{t("reversed")}</Badge> : <Badge tone="green">{t("active")}</Badge>}</dd></div>
          <div><dt className="text-slate-500">{t("recordedBy")}</dt><dd>{sale.recordedBy?.name ?? "—"}</dd></div>
          {sale.note ? <div className="col-span-2"><dt className="text-slate-500">{t("note")}</dt><dd>{sale.note}</dd></div> : null}
        </dl>
      </Card>

      <h2 className="mb-2 font-medium">{t("suppliers")}</h2>
      <div className="mb-4"><Table label={t("suppliers")}>
        <thead>
          <tr>
            <Th>{t("household")}</Th>
            <Th>{t("headName")}</Th>
            <Th>{t("village")}</Th>
            <Th className="text-right">{t("size")}</Th>
            <Th className="text-right">{t("payout")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sale.suppliers.length === 0 ? (
            <Tr group><Td colSpan={5} className="text-slate-500">—</Td></Tr>
          ) : sale.suppliers.map((s) => (
            <Tr key={s.householdId} data-testid="supplier-row">
              <Td label={t("household")} className="whitespace-nowrap font-mono text-xs">{s.code}</Td>
              <Td primary><Link className="text-brand-700 hover:underline" href={`/households/${s.householdId}`}>{s.headName}</Link></Td>
              <Td label={t("village")} className="whitespace-nowrap">{s.villageName} {s.outsideCoverage ? <Badge tone="amber" className="whitespace-normal">{t("outsideCoverage")}</Badge> : null}</Td>
              <Td label={t("size")} className="text-right tabular-nums">{s.size}</Td>
              <Td primary className="whitespace-nowrap text-right tabular-nums cards:justify-self-end">{yuan(s.payoutFen)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table></div>

      <h2 className="mb-2 font-medium">{t("ledgerEntries")}</h2>
      <div className="mb-4"><Table label={t("ledgerEntries")}>
        <thead>
          <tr>
            <Th>{t("date")}</Th>
            <Th>{t("household")}</Th>
            <Th>{t("entryKind")}</Th>
            <Th className="text-right">{t("amount")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sale.incomeEntries.length === 0 ? (
            <Tr group><Td colSpan={4} className="text-slate-500">—</Td></Tr>
          ) : sale.incomeEntries.map((e) => {
            const original = e.reversesId ? entryById.get(e.reversesId) : undefined;
            const who = (householdId: number) => byHousehold.get(householdId)?.headName ?? String(householdId);
            return (
              <Tr key={e.id} id={`entry-${e.id}`} data-testid="ledger-row" className="scroll-mt-20 target:bg-amber-50 cards:target:bg-amber-50">
                <Td primary className="whitespace-nowrap">{formatDate(e.date, locale)}</Td>
                <Td label={t("household")} className="whitespace-nowrap"><Link className="text-brand-700 hover:underline" href={`/households/${e.householdId}`}>{who(e.householdId)}</Link></Td>
                <Td label={t("entryKind")} className="min-w-24 text-slate-700">
                  {original ? (
                    <Link href={`#entry-${original.id}`} className="text-brand-700 hover:underline" data-testid="reversal-of">
                      {t("kindReversal", { date: formatDate(original.date, locale), household: who(original.householdId), amount: yuan(original.amountFen) })}
                    </Link>
                  ) : (
                    <>
                      {t("kindPayout")}{" "}
                      {e.reversedById ? <Link href={`#entry-${e.reversedById}`}><Badge tone="slate">{tIncome("reversedBadge")}</Badge></Link> : null}
                    </>
                  )}
                </Td>
                <Td primary className={e.amountFen < 0 ? "whitespace-nowrap text-right tabular-nums text-red-700 cards:justify-self-end" : "whitespace-nowrap text-right tabular-nums cards:justify-self-end"}>{yuan(e.amountFen)}</Td>
              </Tr>
            );
          })}
        </tbody>
      </Table></div>

      {!sale.reversed && can(viewer, "sales.reverse", { stationId: sale.station.id }) ? (
        <section className="mt-8 border-t border-slate-200 pt-4" aria-label={t("correctionsTitle")}>
          <ReverseSaleForm saleId={sale.id} />
        </section>
      ) : null}
    </>
  );
}
