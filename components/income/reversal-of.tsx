import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDate, formatYuan } from "@/lib/format";
import type { IncomeEntryDto } from "@/lib/income";

/**
 * What a reversing ledger row reversed ("冲正 2020/05/01 外出务工 ¥1,500.00"), linked to the original: its row on this
 * page when it is shown here, else the household's ledger on that date, scrolled to it. Never an internal id.
 */
export async function ReversalOf({ original, householdId, onPage }: { original: NonNullable<IncomeEntryDto["reverses"]>; householdId: number; onPage: boolean }) {
  const [t, tEnum, locale] = await Promise.all([getTranslations("income"), getTranslations("enums"), getLocale()]);
  const anchor = `#entry-${original.id}`;
  return (
    <Link data-testid="reversal-of" className="mr-1 text-brand-700 underline underline-offset-2 hover:no-underline"
      href={onPage ? anchor : `/income?householdId=${householdId}&from=${original.date}&to=${original.date}${anchor}`}
      title={onPage ? undefined : t("reversalOfOlder")}>
      {t("reversalOfEntry", { date: formatDate(original.date, locale), source: tEnum(`IncomeSource.${original.source}`), amount: formatYuan(original.amountFen, locale) })}
    </Link>
  );
}
