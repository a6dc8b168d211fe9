import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/page";
import type { SectionKey } from "@/lib/auth/navigation";

/** A section that a later release fills in: guarded like the real page will be. */
export async function PlaceholderPage({ section }: { section: Exclude<SectionKey, "dashboard" | "admin"> }) {
  await requireSection(section);
  const [t, tNav, tCommon] = await Promise.all([getTranslations("placeholder"), getTranslations("nav"), getTranslations("common")]);
  return (
    <>
      <PageHeader title={tNav(section)} description={t(section)} />
      <Card className="text-sm text-slate-600">{tCommon("comingSoon")}</Card>
    </>
  );
}
