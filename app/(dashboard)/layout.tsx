import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { currentViewer } from "@/lib/auth/session";
import { sectionsFor } from "@/lib/auth/navigation";
import { ownStationLabel } from "@/lib/stations/label";
import { NavLinks } from "@/components/shell/nav-links";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
import { signOutAction } from "@/app/(auth)/login/actions";
import { OfflineOwner } from "@/components/offline/owner";
import { SignOutButton } from "@/components/offline/sign-out";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const viewer = await currentViewer();
  if (!viewer) redirect("/login");
  const [t, tApp, tRoles] = await Promise.all([getTranslations("nav"), getTranslations("app"), getTranslations("roles")]);
  const items = sectionsFor(viewer).map((s) => ({ key: s.key, href: s.href, label: t(s.key) }));
  const station = await ownStationLabel(viewer);

  const userBlock = (
    <div className="space-y-2 border-t border-slate-200 pt-3 text-sm">
      <div>
        <div className="font-medium text-slate-900" data-testid="user-name">{viewer.name}</div>
        <div className="text-xs text-slate-600">{viewer.email}</div>
        <div className="text-xs text-slate-600" data-testid="user-role">
          {tRoles(viewer.role)}
          {station ? ` · ${station}` : ""}
        </div>
      </div>
      <LocaleSwitcher />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <Link href="/account" className="text-sm text-brand-700 underline-offset-2 hover:underline">
          {t("account")}
        </Link>
        <SignOutButton action={signOutAction} label={t("signOut")} />
      </div>
    </div>
  );

  return (
    <div className="min-h-screen lg:flex">
      <OfflineOwner userId={viewer.id} operator={viewer.role === "OPERATOR"} />
      {/* Wide screens: a fixed sidebar. Narrow screens: a header with a menu that opens without JavaScript. */}
      <aside className="no-print hidden w-56 shrink-0 flex-col gap-4 border-r border-slate-200 bg-white p-4 lg:flex">
        <div className="text-sm font-semibold leading-snug text-brand-800">{tApp("shortName")}</div>
        <nav aria-label={t("menu")} className="flex-1">
          <NavLinks items={items} />
        </nav>
        {userBlock}
      </aside>
      <header className="no-print border-b border-slate-200 bg-white lg:hidden">
        <details className="group">
          <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3">
            <span className="text-sm font-semibold text-brand-800">{tApp("shortName")}</span>
            <span className="rounded-md border border-slate-300 px-2 py-1 text-sm">{t("menu")}</span>
          </summary>
          <div className="space-y-3 px-4 pb-4">
            <nav aria-label={t("menu")}>
              <NavLinks items={items} />
            </nav>
            {userBlock}
          </div>
        </details>
      </header>
      <main className="min-w-0 flex-1 p-4 lg:p-6">{children}</main>
    </div>
  );
}
