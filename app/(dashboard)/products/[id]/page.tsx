import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { loadOr404 } from "@/components/network/page-data";
import { requireSection } from "@/lib/auth/page";
import { boundStation, can } from "@/lib/auth/policy";
import { getProduct } from "@/lib/products";
import { formatDate, formatNumber, formatYuan } from "@/lib/format";
import { unitLabel, unitShort } from "@/lib/units";

export default async function ProductPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const viewer = await requireSection("products");
  const id = Number((await params).id);
  const p = await loadOr404(() => getProduct(viewer, id));
  const saved = (await searchParams).saved;
  const [t, tSales, tEnum, locale] = await Promise.all([getTranslations("products"), getTranslations("sales"), getTranslations("enums"), getLocale()]);
  const manager = can(viewer, "products.manage");
  return (
    <>
      <PageHeader
        title={`${p.name}${p.nameEn ? ` · ${p.nameEn}` : ""}`}
        description={`${p.code} · ${tEnum(`ProductCategory.${p.category}`)}`}
        actions={
          <>
            {manager ? <Link className={buttonClass("secondary")} href={`/products/${id}/edit`}>{t("edit")}</Link> : null}
            <Link className={buttonClass("secondary")} href="/products">{t("back")}</Link>
          </>
        }
      />
      {saved ? <div className="mb-3"><Alert tone="success">{t("saved")}</Alert></div> : null}
      <div className="mb-4 grid grid-cols-1 gap-3 md:grid-cols-3">
        <Card className="flex items-center justify-center">
          {p.photoUrl ? (
            // A plain <img>: the photo comes from our own signed-in-only route, not through the image optimizer.
            <img src={p.photoUrl} alt={p.name} loading="lazy" className="max-h-64 w-auto rounded" data-testid="product-photo" />
          ) : <span className="text-sm text-slate-500">{t("noPhoto")}</span>}
        </Card>
        <Card className="md:col-span-2">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
            <div><dt className="text-slate-500">{t("price")}</dt><dd className="tabular-nums">{formatYuan(p.priceFen, locale)} / {unitLabel(p.unit, locale)}</dd></div>
            <div><dt className="text-slate-500">{t("state")}</dt><dd>{p.active ? <Badge tone="green">{t("active")}</Badge> : <Badge>{t("inactive")}</Badge>}</dd></div>
            <div><dt className="text-slate-500">{t("station")}</dt><dd>{p.station ? <Link className="text-brand-700 hover:underline" href={`/stations/${p.station.id}`}>{p.station.code} {p.station.name}</Link> : "—"}</dd></div>
            <div>
              <dt className="text-slate-500">{t("salesTitle")}</dt>
              <dd><Link className="text-brand-700 underline underline-offset-2 hover:no-underline" href={`/sales?productId=${id}`}>{t("salesCount", { count: p.sales.count })}</Link> · {formatYuan(p.sales.amountFen, locale)} · {formatNumber(p.sales.quantity, locale, 3)} {unitShort(p.unit, locale)}</dd>
            </div>
          </dl>
        </Card>
      </div>

      <h2 className="mb-2 font-medium">{t("listings")}</h2>
      <div className="mb-4">
        <Table label={t("listings")}>
          <thead><tr><Th>{t("platform")}</Th><Th>{t("listingStatus")}</Th><Th>{t("listedOn")}</Th><Th>{t("url")}</Th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {p.listings.length === 0 ? <Tr group><Td colSpan={4} className="text-slate-500">{t("notListed")}</Td></Tr> : p.listings.map((l) => (
              <Tr key={l.platform}>
                <Td primary className="whitespace-nowrap">{tEnum(`Platform.${l.platform}`)}</Td>
                <Td primary className="cards:justify-self-end"><Badge tone={l.status === "LISTED" ? "blue" : "slate"}>{tEnum(`ListingStatus.${l.status}`)}</Badge></Td>
                <Td label={t("listedOn")} className="whitespace-nowrap">{l.listedOn ? formatDate(l.listedOn, locale) : "—"}</Td>
                <Td label={t("url")} className="break-all cards:break-all">{l.url ? <a className="text-brand-700 hover:underline" href={l.url} rel="noopener noreferrer" target="_blank">{l.url}</a> : "—"}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </div>

      <details className="rounded-lg border border-slate-200 bg-white" open={p.suppliers.length <= 20}>
        <summary className="cursor-pointer px-4 py-2 font-medium">{t("suppliers")} <span className="text-slate-500">({p.visibleSuppliers})</span></summary>
        {boundStation(viewer) !== null ? <p className="px-4 pb-2 text-xs text-slate-500">{t("suppliersScoped")}</p> : null}
        {p.visibleSuppliers > p.suppliers.length ? <p className="px-4 pb-2 text-xs text-slate-500">{t("firstN", { n: p.suppliers.length })}</p> : null}
        <div className="border-t border-slate-100 p-2">
          <Table label={t("suppliers")}>
            <thead>
              <tr><Th>{tSales("household")}</Th><Th>{tSales("headName")}</Th><Th>{tSales("village")}</Th><Th>{tSales("station")}</Th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {p.suppliers.length === 0 ? <Tr group><Td colSpan={4} className="text-slate-500">—</Td></Tr> : p.suppliers.map((s) => (
                <Tr key={s.id}>
                  <Td label={tSales("household")} className="whitespace-nowrap"><Link className="text-brand-700 hover:underline" href={`/households/${s.id}`}>{s.code}</Link></Td>
                  <Td primary className="whitespace-nowrap">{s.headName}</Td>
                  <Td label={tSales("village")} className="whitespace-nowrap">{s.villageName}</Td>
                  <Td label={tSales("station")} className="whitespace-nowrap">{s.stationCode ?? "—"}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      </details>
    </>
  );
}
