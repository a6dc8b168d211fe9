import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { getUser } from "@/lib/users";
import { stationOptions } from "@/lib/stations/options";
import { AppError } from "@/lib/errors";
import { AdminTabs } from "../../admin-tabs";
import { UserForm } from "./user-form";

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireSection("admin");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id < 1) notFound();
  const user = await getUser(viewer, id).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, stations] = await Promise.all([getTranslations("admin"), stationOptions(viewer)]);
  return (
    <>
      <PageHeader title={t("title")} />
      <AdminTabs current="users" />
      <Card className="max-w-lg">
        <h2 className="mb-3 font-medium">{user.name} · {user.email}</h2>
        <UserForm user={user} stations={stations.map((s) => ({ id: s.id, label: `${s.code} ${s.name}` }))} />
      </Card>
    </>
  );
}
