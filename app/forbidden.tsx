import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";

export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-md space-y-3 p-10 text-center">
      <h1 className="text-xl font-semibold">{t("forbiddenTitle")}</h1>
      <p className="text-sm text-slate-600">{t("forbidden")}</p>
      <Link href="/" className={buttonClass("secondary")}>{t("backHome")}</Link>
    </main>
  );
}
