import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { requireSection } from "@/lib/auth/page";
import { listAuditLog } from "@/lib/audit-log";
import { AUDIT_ENTITIES, auditLineText, describeAudit, type Words } from "@/lib/audit-words";
import { formatDateTime } from "@/lib/format";
import { AdminTabs } from "../admin-tabs";
import { Pager } from "@/components/network/pager";

/** The stored JSON, for the admin who needs exactly what was written (personal data masked as stored). */
function RawJson({ label, value }: { label: string; value: unknown }) {
  if (value == null) return null;
  return (
    <div>
      <div className="text-xs font-medium text-slate-500">{label}</div>
      <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">{JSON.stringify(value, null, 1)}</pre>
    </div>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireSection("admin");
  const params = await searchParams;
  // The select offers the known entities; anything else in the URL is ignored rather than answered with an error.
  const entity = (AUDIT_ENTITIES as readonly string[]).includes(params.entity ?? "") ? params.entity : undefined;
  const query = { entity, actor: params.actor, page: params.page };
  const [t, tCommon, words, locale, log] = await Promise.all([
    getTranslations("admin"), getTranslations("common"), getTranslations(), getLocale(), listAuditLog(viewer, query),
  ]);
  const w = words as unknown as Words;
  return (
    <>
      <PageHeader title={t("title")} />
      <AdminTabs current="audit" />
      <form className="mb-3 flex flex-wrap items-end gap-2" method="get">
        <Select name="entity" defaultValue={entity ?? ""} className="w-full sm:w-44" aria-label={t("entity")}>
          <option value="">{words("audit.allEntities")}</option>
          {AUDIT_ENTITIES.map((e) => <option key={e} value={e}>{words(`audit.entities.${e}`)}</option>)}
        </Select>
        <Input name="actor" placeholder={words("audit.actorPlaceholder")} defaultValue={params.actor} className="w-full sm:w-56" aria-label={t("actor")} />
        <Button type="submit" variant="secondary">{tCommon("filter")}</Button>
      </form>
      {log.rows.length === 0 ? <p className="text-sm text-slate-500">{t("noRows")}</p> : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="audit-rows">
          {log.rows.map((r) => {
            const d = describeAudit(r, w, locale);
            return (
              <li key={r.id} className="space-y-1 p-3 text-sm" data-testid="audit-row">
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
                  <span className="font-medium text-slate-900">{d.action} · {d.entity}{r.entityId ? ` ${r.entityId}` : ""}</span>
                  <span className="text-slate-600">{r.actor === "system" ? words("audit.system") : r.actor}</span>
                  <time className="text-xs text-slate-500 tabular-nums" dateTime={r.at.toISOString()}>{formatDateTime(r.at, locale)}</time>
                </div>
                {d.lines.length ? (
                  // A created record lists its fields side by side (no arrows); a change lists one field per line.
                  <ul className={d.lines.every((l) => l.from === null) ? "flex flex-wrap gap-x-4 gap-y-0.5 text-slate-700" : "space-y-0.5 text-slate-700"} aria-label={words("audit.changes")}>
                    {d.lines.map((l, i) => <li key={i} className="break-words">{auditLineText(l)}</li>)}
                  </ul>
                ) : r.before != null ? <p className="text-slate-500">{words("audit.noChanges")}</p> : null}
                {r.before != null || r.after != null ? (
                  <details className="text-xs">
                    <summary className="cursor-pointer text-brand-700">{words("audit.details")}</summary>
                    <div className="mt-1 grid gap-2 md:grid-cols-2">
                      <RawJson label={t("before")} value={r.before} />
                      <RawJson label={t("after")} value={r.after} />
                    </div>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      <Pager path="/admin/audit" params={{ entity, actor: params.actor }} page={log.page} pageSize={log.pageSize} total={log.total} />
    </>
  );
}
