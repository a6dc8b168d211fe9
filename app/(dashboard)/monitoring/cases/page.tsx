import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/page";
import { formatDate } from "@/lib/format";
import { listCases } from "@/lib/monitoring";

/** The monitoring cases in the viewer's scope, newest first. */
export default async function CasesPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const viewer = await requireSection("monitoring");
  const sp = await searchParams;
  const [t, tEnum, locale, list] = await Promise.all([getTranslations("monitoring"), getTranslations("enums"), getLocale(), listCases(viewer, { status: sp.status, page: sp.page })]);
  return (
    <>
      <PageHeader title={t("cases.title")} actions={<Link className="text-sm text-brand-700 hover:underline" href="/monitoring">{t("title")}</Link>} />
      {list.items.length === 0 ? <Card className="text-sm text-slate-600">{t("cases.none")}</Card> : (
        <div>
          <Table label={t("cases.title")}>
            <thead><tr><Th>#</Th><Th>{t("cases.household")}</Th><Th>{t("cases.type")}</Th><Th>{t("cases.status")}</Th><Th>{t("cases.openedOn")}</Th><Th>{t("station")}</Th></tr></thead>
            <tbody>
              {list.items.map((c) => (
                <Tr key={c.id}>
                  <Td className="whitespace-nowrap"><Link className="text-brand-700 hover:underline" href={`/monitoring/cases/${c.id}`}>{t("cases.case", { id: c.id })}</Link></Td>
                  <Td rowHeader primary wide className="font-normal">{c.household.code} {c.household.headName}</Td>
                  <Td primary label={t("cases.type")}>{tEnum(`CaseType.${c.type}`)}</Td>
                  <Td primary label={t("cases.status")}>{tEnum(`CaseStatus.${c.status}`)}</Td>
                  <Td label={t("cases.openedOn")} className="whitespace-nowrap">{formatDate(c.openedOn, locale)}</Td>
                  <Td label={t("station")}>{c.household.station?.code ?? "—"}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
