import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { can } from "@/lib/auth/policy";
import { stationOptions } from "@/lib/stations/options";
import { ProductForm } from "../product-form";

export default async function NewProductPage() {
  const viewer = await requireSection("products");
  if (!can(viewer, "products.manage")) forbidden();
  const [t, stations] = await Promise.all([getTranslations("products"), stationOptions(viewer)]);
  return (
    <>
      <PageHeader title={t("new")} />
      <Card className="max-w-4xl">
        <ProductForm
          stations={stations.map((s) => ({ id: s.id, label: `${s.code} ${s.name}` }))}
          initial={{ code: "", name: "", nameEn: "", category: "MUSHROOM", unit: "", price: "", stationId: null, active: true, listings: [], suppliers: [], supplierTotal: 0 }}
        />
      </Card>
    </>
  );
}
