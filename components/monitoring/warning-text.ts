// A warning's figures in words (the warning list and the household page): pure, given the page's translators.
import { formatDate, formatYuan } from "@/lib/format";

type T = (key: string, values?: Record<string, string | number>) => string;

export function warningText(rule: string, f: Record<string, unknown>, t: T, tEnum: T, tAudit: T, locale: string): string {
  const yuan = (v: unknown) => formatYuan(Number(v ?? 0), locale);
  const date = (v: unknown) => (typeof v === "string" ? formatDate(v, locale) : "—");
  switch (rule) {
    case "LOW_INCOME":
      return t("fig.lowIncome", {
        level: f.level === "BELOW_LINE" ? t("levelBelow") : t("levelNear"), perCapita: yuan(f.perCapitaFen), from: date(f.from), to: date(f.to), line: yuan(f.lineFen), band: Number(f.bandPct),
      });
    case "ECOM_DROP":
      return t("fig.ecomDrop", { now: yuan(f.ecomFen), prev: yuan(f.prevEcomFen), drop: Number(f.dropPct), share: Number(f.sharePct) });
    case "NO_SALES":
      return t("fig.noSales", { date: date(f.lastSaleOn), days: Number(f.daysWithoutSale), months: Number(f.monthsWithSales) });
    case "GUARANTEE_LOST":
      return t("fig.guarantee", { list: ((f.missing as string[]) ?? []).map((g) => tAudit(`fields.${g}`)).join(locale.startsWith("zh") ? "、" : ", ") });
    case "HARDSHIP":
      return t("fig.hardship", { count: Number(f.count), types: ((f.types as string[]) ?? []).map((x) => tEnum(`HardshipType.${x}`)).join(locale.startsWith("zh") ? "、" : ", "), amount: yuan(f.amountFen), date: date(f.latestOn) });
    default:
      return rule;
  }
}
