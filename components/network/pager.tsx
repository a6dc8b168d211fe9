import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { hrefWith } from "@/lib/url";

/** "N rows · page x of y" with previous/next links that keep the filters. */
export async function Pager({ path, params, page, pageSize, total }: { path: string; params: Record<string, string | undefined>; page: number; pageSize: number; total: number }) {
  const t = await getTranslations("common");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600">
      <span>{t("total", { count: total })} · {t("pageOf", { page, pages })}</span>
      {page > 1 ? <Link className="text-brand-700 hover:underline" rel="prev" href={hrefWith(path, params, { page: page - 1 })}>{t("previous")}</Link> : null}
      {page < pages ? <Link className="text-brand-700 hover:underline" rel="next" href={hrefWith(path, params, { page: page + 1 })}>{t("next")}</Link> : null}
    </div>
  );
}
