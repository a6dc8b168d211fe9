import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { stationOptions } from "@/lib/stations/options";
import { AdminTabs } from "../../admin-tabs";
import { NewUserForm } from "./new-user-form";

export default async function NewUserPage() {
  const viewer = await requireSection("admin");
  const [t, stations] = await Promise.all([getTranslations("admin"), stationOptions(viewer)]);
  return (
    <>
      <PageHeader title={t("title")} />
      <AdminTabs current="users" />
      <Card className="max-w-lg">
        <h2 className="mb-3 font-medium">{t("newUser")}</h2>
        <NewUserForm stations={stations.map((s) => ({ id: s.id, label: `${s.code} ${s.name}` }))} />
      </Card>
      <p className="mt-3 text-sm"><Link className="text-brand-700 hover:underline" href="/admin">{t("backToUsers")}</Link></p>
    </>
  );
}
