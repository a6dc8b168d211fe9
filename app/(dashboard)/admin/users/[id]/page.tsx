import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import { getUser } from "@/lib/users";
import { stationOptions } from "@/lib/stations/options";
import { loadOr404 } from "@/components/network/page-data";
import { AdminTabs } from "../../admin-tabs";
import { ActiveToggle, ResetPasswordForm, UserForm } from "./user-form";

export default async function EditUserPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const viewer = await requireSection("admin");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const user = await loadOr404(() => getUser(viewer, Number(id)));
  const [t, stations] = await Promise.all([getTranslations("admin"), stationOptions(viewer)]);
  const self = user.id === viewer.id;
  return (
    <>
      <PageHeader title={t("title")} />
      <AdminTabs current="users" />
      <div className="max-w-lg space-y-4">
        {query.created ? <Alert tone="success">{t("userCreated")}</Alert> : null}
        <Card>
          <h2 className="mb-1 break-words font-medium" data-testid="user-heading">
            {user.name} · {user.email} {self ? t("self") : ""}
          </h2>
          <p className="mb-3">{user.active ? <Badge tone="green">{t("activeYes")}</Badge> : <Badge tone="red">{t("activeNo")}</Badge>}</p>
          <p className="mb-3 text-xs text-slate-500">{t("sessionsNote")}</p>
          <UserForm user={user} stations={stations.map((s) => ({ id: s.id, label: `${s.code} ${s.name}` }))} />
        </Card>
        {self ? null : (
          <>
            <Card>
              <ActiveToggle userId={user.id} active={user.active} />
            </Card>
            <Card>
              <h2 className="mb-1 font-medium">{t("resetPassword")}</h2>
              <p className="mb-3 text-sm text-slate-600">{t("resetPasswordHint")}</p>
              <ResetPasswordForm userId={user.id} />
            </Card>
          </>
        )}
        <p className="text-sm"><Link className="text-brand-700 hover:underline" href="/admin">{t("backToUsers")}</Link></p>
      </div>
    </>
  );
}
