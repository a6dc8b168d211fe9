import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { hrefWith } from "@/lib/url";

/** The page numbers to offer: the first, the last, and two either side of the current one; null marks a gap. */
export function pageWindow(page: number, pages: number, around = 2): (number | null)[] {
  const shown = new Set([1, pages]);
  for (let p = page - around; p <= page + around; p++) if (p >= 1 && p <= pages) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const [i, p] of sorted.entries()) {
    if (i > 0 && p - sorted[i - 1] > 1) out.push(p - sorted[i - 1] === 2 ? p - 1 : null);
    out.push(p);
  }
  return out;
}

const box = "inline-flex min-w-8 items-center justify-center rounded-md border px-2 py-1";
const link = cn(box, "border-slate-300 bg-white text-brand-700 hover:bg-brand-50");
const current = cn(box, "border-brand-700 bg-brand-700 font-medium text-white");

/**
 * "N rows · page x of y", then first / previous / page numbers / next / last and a go-to-page field. Every link and
 * the field keep the list's filters (`params`) and change only `page`, as the list pages read it.
 */
export async function Pager({ path, params, page, pageSize, total }: { path: string; params: Record<string, string | undefined>; page: number; pageSize: number; total: number }) {
  const t = await getTranslations("common");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const to = (p: number) => hrefWith(path, params, { page: p });
  const kept = Object.entries(params).filter(([k, v]) => k !== "page" && v !== undefined && v !== "") as [string, string][];
  return (
    <nav aria-label={t("pagination")} className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-700" data-testid="pager">
      <span data-testid="pager-total">{t("total", { count: total })} · {t("pageOf", { page, pages })}</span>
      {pages > 1 ? (
        <>
          <ul className="flex flex-wrap items-center gap-1">
            {page > 1 ? (
              <>
                <li><Link className={link} href={to(1)}>{t("first")}</Link></li>
                <li><Link className={link} rel="prev" href={to(page - 1)}>{t("previous")}</Link></li>
              </>
            ) : null}
            {pageWindow(page, pages).map((p, i) => (
              <li key={p ?? `gap-${i}`}>
                {p === null ? <span className="px-1 text-slate-600" aria-hidden="true">…</span>
                  : p === page ? <span className={cn(current, "tabular-nums")} aria-current="page">{p}</span>
                    : <Link className={cn(link, "tabular-nums")} href={to(p)} aria-label={t("pageLink", { page: p })}>{p}</Link>}
              </li>
            ))}
            {page < pages ? (
              <>
                <li><Link className={link} rel="next" href={to(page + 1)}>{t("next")}</Link></li>
                <li><Link className={link} href={to(pages)}>{t("last")}</Link></li>
              </>
            ) : null}
          </ul>
          {/* A plain GET form: the same URL a page link would give, without JavaScript. */}
          <form key={page} method="get" action={path} className="flex items-center gap-1">
            {kept.map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
            <label htmlFor="pager-page" className="text-slate-700">{t("goToPage")}</label>
            <input id="pager-page" name="page" type="number" inputMode="numeric" min={1} max={pages} required defaultValue={page}
              className="w-20 rounded-md border border-slate-300 bg-white px-2 py-1 tabular-nums focus-visible:outline-2 focus-visible:outline-brand-600" />
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-800 hover:bg-slate-100">{t("go")}</button>
          </form>
        </>
      ) : null}
    </nav>
  );
}
