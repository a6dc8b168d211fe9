import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { flatParams } from "@/lib/url";
import { requireSection } from "@/lib/auth/page";
import { productOptions } from "@/lib/products";
import { stationOptions } from "@/lib/stations/options";
import { countyToday, withCode } from "@/lib/format";
import { SaleForm } from "./sale-form";
import { boundStation } from "@/lib/auth/policy";
import { unitLabel } from "@/lib/units";

export default async function NewSalePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("sales");
  const params = flatParams(await searchParams);
  const [t, locale, products, stations] = await Promise.all([getTranslations("sales"), getLocale(), productOptions(viewer), stationOptions(viewer)]);
  const active = stations.filter((s) => s.status === "ACTIVE");
  const wanted = Number(params.stationId);
  const stationId = boundStation(viewer) !== null ? boundStation(viewer) : active.some((s) => s.id === wanted) ? wanted : null;
  return (
    <>
      <PageHeader title={t("new")} />
      <Card className="max-w-3xl">
        <SaleForm
          today={countyToday()}
          stationId={stationId}
          stationLocked={boundStation(viewer) !== null}
          stations={active.map((s) => ({ id: s.id, label: `${s.code} ${s.name}` }))}
          products={products.map((p) => ({ id: p.id, label: withCode(locale === "en" && p.nameEn ? p.nameEn : p.name, unitLabel(p.unit, locale), locale), priceFen: p.priceFen }))}
        />
      </Card>
    </>
  );
}
