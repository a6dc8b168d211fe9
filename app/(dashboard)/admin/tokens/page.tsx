import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/page";
import { listApiTokens } from "@/lib/auth/tokens";
import { listUsers } from "@/lib/users";
import { formatDateTime } from "@/lib/format";
import { AdminTabs } from "../admin-tabs";
import { CreateTokenForm, RevokeButton } from "./token-forms";

export default async function TokensPage() {
  const viewer = await requireSection("admin");
  const [t, locale, tokens, users] = await Promise.all([getTranslations("admin"), getLocale(), listApiTokens(viewer), listUsers(viewer)]);
  return (
    <>
      <PageHeader title={t("title")} />
      <AdminTabs current="tokens" />
      <Card className="mb-4 max-w-2xl">
        <CreateTokenForm users={users.filter((u) => u.active).map((u) => ({ id: u.id, label: u.email }))} defaultUserId={viewer.id} />
      </Card>
      <Table label={t("tokens")}>
        <thead>
          <tr>
            <Th>{t("tokenName")}</Th>
            <Th>{t("prefix")}</Th>
            <Th>{t("tokenOwner")}</Th>
            <Th>{t("createdAt")}</Th>
            <Th>{t("lastUsed")}</Th>
            <Th>{t("status")}</Th>
            <Th />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.length === 0 ? (
            <Tr group><Td colSpan={7} className="text-slate-500">{t("noRows")}</Td></Tr>
          ) : tokens.map((tok) => (
            <Tr key={tok.id}>
              <Td primary>{tok.name}</Td>
              <Td label={t("prefix")}><code>{tok.prefix}…</code></Td>
              <Td label={t("tokenOwner")} wide className="cards:break-all">{tok.user.email}</Td>
              <Td label={t("createdAt")}>{formatDateTime(tok.createdAt, locale)}</Td>
              <Td label={t("lastUsed")}>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, locale) : t("never")}</Td>
              <Td primary className="cards:justify-self-end">{tok.revokedAt ? <Badge tone="red">{t("revoked")}</Badge> : <Badge tone="green">{t("activeToken")}</Badge>}</Td>
              <Td>{tok.revokedAt ? null : <RevokeButton tokenId={tok.id} />}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
