import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { loadOr404 } from "@/components/network/page-data";
import { requireSection } from "@/lib/auth/page";
import { can } from "@/lib/auth/policy";
import { getProduct } from "@/lib/products";
import { stationOptions } from "@/lib/stations/options";
import { fenToYuanInput } from "@/lib/validation/money";
import { ProductForm } from "../../product-form";
import { PhotoForm } from "../../photo-form";

export default async function EditProductPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireSection("products");
  if (!can(viewer, "products.manage")) forbidden();
  const id = Number((await params).id);
  const p = await loadOr404(() => getProduct(viewer, id));
  const [t, stations] = await Promise.all([getTranslations("products"), stationOptions(viewer)]);
  return (
    <>
      <PageHeader title={`${t("edit")} · ${p.name}（${p.code}）`} />
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <ProductForm
            productId={id}
            stations={stations.map((s) => ({ id: s.id, label: `${s.code} ${s.name}` }))}
            initial={{
              code: p.code, name: p.name, nameEn: p.nameEn ?? "", category: p.category, unit: p.unit, price: fenToYuanInput(p.priceFen),
              stationId: p.station?.id ?? null, active: p.active,
              listings: p.listings.map((l) => ({ platform: l.platform, status: l.status, url: l.url ?? "", listedOn: l.listedOn ?? "" })),
              suppliers: p.suppliers.map((s) => ({ id: s.id, code: s.code, headName: s.headName, villageName: s.villageName, covered: null })),
              supplierTotal: p.visibleSuppliers,
              version: p.version,
            }}
          />
        </Card>
        <Card className="h-fit">
          <h2 className="mb-2 font-medium">{t("photo")}</h2>
          {p.photoUrl ? (
            // A plain <img>: the photo comes from our own signed-in-only route, not through the image optimizer.
            <img src={p.photoUrl} alt={p.name} className="mb-3 max-h-48 rounded" />
          ) : null}
          <PhotoForm productId={id} hasPhoto={!!p.photoUrl} />
        </Card>
      </div>
    </>
  );
}
