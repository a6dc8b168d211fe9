import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Alert, Card } from "@/components/ui/card";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
import { currentViewer } from "@/lib/auth/session";
import { isEmbeddedDemo } from "@/lib/db-config";
import { LoginForm } from "./login-form";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ signedOut?: string }> }) {
  if (await currentViewer()) redirect("/");
  const [t, tApp, params] = await Promise.all([getTranslations("auth"), getTranslations("app"), searchParams]);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm space-y-4">
        <div className="text-center">
          <h1 className="text-xl font-semibold text-brand-800">{tApp("name")}</h1>
          <p className="mt-1 text-sm text-slate-600">{tApp("tagline")}</p>
        </div>
        <Card className="space-y-4 p-6">
          <h2 className="text-lg font-medium">{t("title")}</h2>
          {params.signedOut ? <Alert tone="success">{t("signedOut")}</Alert> : null}
          <LoginForm />
          {isEmbeddedDemo() ? <p className="text-xs text-slate-500" data-testid="demo-hint">{t("demoHint")}</p> : null}
        </Card>
        <div className="flex justify-center">
          <LocaleSwitcher />
        </div>
      </div>
    </main>
  );
}
