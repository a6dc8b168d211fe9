import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";

const TABS = [
  { key: "users", href: "/admin" },
  { key: "tokens", href: "/admin/tokens" },
  { key: "audit", href: "/admin/audit" },
  { key: "settings", href: "/admin/settings" },
] as const;

export async function AdminTabs({ current }: { current: (typeof TABS)[number]["key"] }) {
  const t = await getTranslations("admin");
  return (
    <nav className="mb-4 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => (
        <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? "page" : undefined}
          className={cn("-mb-px border-b-2 px-3 py-2 text-sm", tab.key === current ? "border-brand-700 font-medium text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900")}>
          {t(tab.key)}
        </Link>
      ))}
    </nav>
  );
}
