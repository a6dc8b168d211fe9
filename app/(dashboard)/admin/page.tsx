import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/page";
import { listUsers } from "@/lib/users";
import { formatDate } from "@/lib/format";
import { AdminTabs } from "./admin-tabs";

export default async function AdminUsersPage() {
  const viewer = await requireSection("admin");
  const [t, tRoles, tCommon, locale, users] = await Promise.all([getTranslations("admin"), getTranslations("roles"), getTranslations("common"), getLocale(), listUsers(viewer)]);
  return (
    <>
      <PageHeader title={t("title")} />
      <AdminTabs current="users" />
      <Table>
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
          {users.map((u) => (
            <tr key={u.id}>
              <Td>{u.email}</Td>
              <Td>{u.name}</Td>
              <Td>{tRoles(u.role)}</Td>
              <Td>{u.station ? `${u.station.name}（${u.station.code}）` : "—"}</Td>
              <Td>{u.active ? <Badge tone="green">{tCommon("yes")}</Badge> : <Badge tone="red">{tCommon("no")}</Badge>}</Td>
              <Td>{formatDate(u.createdAt, locale)}</Td>
              <Td>
                <Link className="text-brand-700 hover:underline" href={`/admin/users/${u.id}`}>{tCommon("edit")}</Link>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
