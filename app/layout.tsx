import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { clientMessages, toLocale } from "@/lib/i18n";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("shortName")}` }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* Only the namespaces client components read (lib/i18n.ts CLIENT_NAMESPACES), not the whole catalogue. */}
        <NextIntlClientProvider messages={clientMessages(toLocale(locale))}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
