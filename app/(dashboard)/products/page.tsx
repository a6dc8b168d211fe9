import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Input, Select } from "@/components/ui/input";
import { Button, buttonClass } from "@/components/ui/button";
import { flatParams, pick } from "@/lib/url";
import { withQueryFallback } from "@/components/network/page-data";
import { requireSection } from "@/lib/auth/page";
import { can } from "@/lib/auth/policy";
import { listProducts } from "@/lib/products";
import { formatYuan } from "@/lib/format";
import { unitShort } from "@/lib/units";
import { Platform, ProductCategory } from "@/lib/generated/prisma/enums";

const FILTERS = ["q", "category", "platform", "active"] as const;

export default async function ProductsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("products");
  const filters = pick(flatParams(await searchParams), FILTERS);
  const [t, tEnum, tCommon, locale] = await Promise.all([getTranslations("products"), getTranslations("enums"), getTranslations("common"), getLocale()]);
  const { data, badQuery } = await withQueryFallback((q) => listProducts(viewer, q), filters);
  const name = (p: { name: string; nameEn: string | null }) => (locale === "en" && p.nameEn ? p.nameEn : p.name);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")}
        actions={can(viewer, "products.manage") ? <Link className={buttonClass("primary")} href="/products/new">{t("new")}</Link> : null} />
      {badQuery ? <div className="mb-3"><Alert tone="error">{t("badQuery")}</Alert></div> : null}
      <form key={JSON.stringify(filters)} method="get" className="mb-3 grid grid-cols-2 gap-2 sm:grid-cols-5" aria-label={tCommon("filter")}>
        <Input name="q" defaultValue={filters.q ?? ""} placeholder={t("q")} aria-label={t("q")} className="col-span-2 sm:col-span-1" />
        <Select name="category" defaultValue={filters.category ?? ""} aria-label={t("category")}>
          <option value="">{t("category")}: {tCommon("all")}</option>
          {Object.values(ProductCategory).map((c) => <option key={c} value={c}>{tEnum(`ProductCategory.${c}`)}</option>)}
        </Select>
        <Select name="platform" defaultValue={filters.platform ?? ""} aria-label={t("platform")}>
          <option value="">{t("platform")}: {tCommon("all")}</option>
          {Object.values(Platform).map((p) => <option key={p} value={p}>{tEnum(`Platform.${p}`)}</option>)}
        </Select>
        <Select name="active" defaultValue={filters.active ?? ""} aria-label={t("state")}>
          <option value="">{t("state")}: {tCommon("all")}</option>
          <option value="true">{t("active")}</option>
          <option value="false">{t("inactive")}</option>
        </Select>
        <div><Button type="submit">{t("apply")}</Button></div>
      </form>
      <Table label={t("title")}>
        <thead>
          <tr>
            <Th>{t("code")}</Th><Th>{t("name")}</Th><Th>{t("category")}</Th><Th className="text-right">{t("price")}</Th>
            <Th>{t("station")}</Th><Th className="text-right">{t("supplierCount")}</Th><Th>{t("listings")}</Th><Th>{t("state")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.items.length === 0 ? <Tr group><Td colSpan={8} className="text-slate-500">{t("noRows")}</Td></Tr> : data.items.map((p) => (
            <Tr key={p.id} data-testid="product-row">
              <Td label={t("code")} className="whitespace-nowrap"><Link className="font-medium text-brand-700 hover:underline" href={`/products/${p.id}`}>{p.code}</Link></Td>
              <Td primary className="min-w-32">{name(p)}</Td>
              <Td label={t("category")} className="whitespace-nowrap">{tEnum(`ProductCategory.${p.category}`)}</Td>
              <Td primary className="whitespace-nowrap text-right tabular-nums cards:justify-self-end">{formatYuan(p.priceFen, locale)} / {unitShort(p.unit, locale)}</Td>
              <Td label={t("station")} className="whitespace-nowrap">{p.station?.code ?? "—"}</Td>
              <Td label={t("supplierCount")} className="text-right tabular-nums">{p.supplierCount}</Td>
              <Td label={t("listings")} wide>
                <div className="flex min-w-40 flex-wrap gap-1 max-sm:min-w-0">
                  {p.listings.map((l) => <Badge key={l.platform} tone={l.status === "LISTED" ? "blue" : "slate"}>{tEnum(`Platform.${l.platform}`)}{l.status === "DELISTED" ? ` · ${tEnum("ListingStatus.DELISTED")}` : ""}</Badge>)}
                </div>
              </Td>
              <Td label={t("state")}>{p.active ? <Badge tone="green">{t("active")}</Badge> : <Badge>{t("inactive")}</Badge>}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
