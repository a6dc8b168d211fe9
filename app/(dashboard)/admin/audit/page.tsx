import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { requireSection } from "@/lib/auth/page";
import { listAuditLog } from "@/lib/audit-log";
import { formatDateTime } from "@/lib/format";
import { AdminTabs } from "../admin-tabs";

function Json({ value }: { value: unknown }) {
  if (value == null) return <span className="text-slate-400">—</span>;
  return <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-all text-xs">{JSON.stringify(value, null, 1)}</pre>;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireSection("admin");
  const params = await searchParams;
  const [t, tCommon, locale, log] = await Promise.all([getTranslations("admin"), getTranslations("common"), getLocale(), listAuditLog(viewer, params)]);
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  const link = (page: number) => `/admin/audit?${new URLSearchParams({ ...(params.entity ? { entity: params.entity } : {}), ...(params.actor ? { actor: params.actor } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader title={t("title")} />
      <AdminTabs current="audit" />
      <form className="mb-3 flex flex-wrap items-end gap-2" method="get">
        <Input name="entity" placeholder={t("entity")} defaultValue={params.entity} className="w-40" aria-label={t("entity")} />
        <Input name="actor" placeholder={t("actor")} defaultValue={params.actor} className="w-56" aria-label={t("actor")} />
        <Button type="submit" variant="secondary">{tCommon("filter")}</Button>
      </form>
      <Table>
        <thead>
          <tr>
            <Th>{t("when")}</Th><Th>{t("actor")}</Th><Th>{t("action")}</Th><Th>{t("entity")}</Th><Th>{t("entityId")}</Th><Th>{t("before")}</Th><Th>{t("after")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {log.rows.length === 0 ? <tr><Td colSpan={7} className="text-slate-500">{t("noRows")}</Td></tr> : log.rows.map((r) => (
            <tr key={r.id}>
              <Td className="whitespace-nowrap">{formatDateTime(r.at, locale)}</Td>
              <Td>{r.actor}</Td>
              <Td>{r.action}</Td>
              <Td>{r.entity}</Td>
              <Td>{r.entityId ?? "—"}</Td>
              <Td><Json value={r.before} /></Td>
              <Td><Json value={r.after} /></Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="mt-3 flex items-center gap-3 text-sm">
        <span>{tCommon("total", { count: log.total })} · {tCommon("pageOf", { page: log.page, pages })}</span>
        {log.page > 1 ? <Link className="text-brand-700 hover:underline" href={link(log.page - 1)}>{tCommon("previous")}</Link> : null}
        {log.page < pages ? <Link className="text-brand-700 hover:underline" href={link(log.page + 1)}>{tCommon("next")}</Link> : null}
      </div>
    </>
  );
}
