import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Badge, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Input, Select } from "@/components/ui/input";
import { Button, buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/network/pager";
import { withQueryFallback } from "@/components/network/page-data";
import { requireSection } from "@/lib/auth/page";
import { searchUsers } from "@/lib/users";
import { ROLES } from "@/lib/validation/users";
import { formatMomentDate, withCode } from "@/lib/format";
import { flatParams, pick } from "@/lib/url";
import { AdminTabs } from "./admin-tabs";

const FILTER_KEYS = ["q", "role", "active"] as const;

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("admin");
  const params = flatParams(await searchParams);
  const [t, tRoles, tCommon, locale] = await Promise.all([getTranslations("admin"), getTranslations("roles"), getTranslations("common"), getLocale()]);
  const { data: list, badQuery } = await withQueryFallback((query) => searchUsers(viewer, query), pick(params, [...FILTER_KEYS, "page"]));
  const q = list.query;
  const kept = pick(params, FILTER_KEYS);
  return (
    <>
      <PageHeader title={t("title")} actions={<Link className={buttonClass("primary")} href="/admin/users/new">{t("newUser")}</Link>} />
      <AdminTabs current="users" />
      {badQuery ? <div className="mb-3"><Alert tone="error">{t("badQuery")}</Alert></div> : null}
      <form method="get" role="search" className="mb-3 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center" aria-label={tCommon("filter")}>
        <Input name="q" type="search" defaultValue={q.q ?? ""} placeholder={t("searchUsers")} aria-label={t("searchUsers")} maxLength={100} className="col-span-2 sm:w-64" />
        <Select name="role" defaultValue={q.role ?? ""} aria-label={t("role")} className="sm:w-40">
          <option value="">{t("allRoles")}</option>
          {ROLES.map((r) => <option key={r} value={r}>{tRoles(r)}</option>)}
        </Select>
        <Select name="active" defaultValue={q.active ?? ""} aria-label={t("status")} className="sm:w-36">
          <option value="">{t("allStates")}</option>
          <option value="yes">{t("activeYes")}</option>
          <option value="no">{t("activeNo")}</option>
        </Select>
        <Button type="submit" variant="secondary" className="col-span-2 sm:col-span-1">{tCommon("search")}</Button>
      </form>
      {list.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noUsers")}</p>
      ) : (
        <Table className="sm:whitespace-nowrap" label={t("users")}>
          <thead>
            <tr>
              <Th>{t("email")}</Th>
              <Th>{t("name")}</Th>
              <Th>{t("role")}</Th>
              <Th>{t("station")}</Th>
              <Th>{t("active")}</Th>
              <Th>{t("createdAt")}</Th>
              <Th>{tCommon("actions")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.items.map((u) => (
              <Tr key={u.id}>
                <Td label={t("email")} wide className="cards:break-all">{u.email}</Td>
                <Td primary>{u.name}{u.id === viewer.id ? ` ${t("self")}` : ""}</Td>
                <Td label={t("role")}>{tRoles(u.role)}</Td>
                <Td label={t("station")}>{u.station ? withCode(u.station.name, u.station.code, locale) : "—"}</Td>
                <Td primary className="cards:justify-self-end">{u.active ? <Badge tone="green">{t("activeYes")}</Badge> : <Badge tone="red">{t("activeNo")}</Badge>}</Td>
                <Td label={t("createdAt")}>{formatMomentDate(u.createdAt, locale)}</Td>
                <Td>
                  <Link className="text-brand-700 hover:underline" href={`/admin/users/${u.id}`} aria-label={`${tCommon("edit")} ${u.email}`}>{tCommon("edit")}</Link>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pager path="/admin" params={kept} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
