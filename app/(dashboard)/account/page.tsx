import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import { currentViewer } from "@/lib/auth/session";
import { PasswordForm } from "./password-form";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

/** Every signed-in user, whatever the role: their own password. */
export default async function AccountPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const viewer = await currentViewer();
  if (!viewer) redirect("/login");
  const [t, query] = await Promise.all([getTranslations("account"), searchParams]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {query.changed ? <div className="mb-3 max-w-md"><Alert tone="success">{t("changed")}</Alert></div> : null}
      <Card className="max-w-md">
        <p className="mb-3 break-words text-sm text-slate-600">{viewer.email}</p>
        <PasswordForm email={viewer.email} />
      </Card>
    </>
  );
}
