// The dashboard's period and year. Periods are whole months: `from` is the first day of a month and `to` the last
// day of a month (or "YYYY-MM" for either), so each period maps onto the monthly summaries exactly, edge days
// included. A date inside a month is refused with a field message rather than silently rounded.
import { z } from "zod";
import { countyToday } from "../format";
import { blankToUndefined, codeFilterSchema, optional, yearNumberSchema } from "../validation/primitives";
import { firstDayOf, lastDayOf, monthIndex } from "./months";

/** The longest period accepted, in months (charts have one bar per month). */
export const MAX_PERIOD_MONTHS = 120;
/** The default period: this many months up to the latest month with data. */
export const DEFAULT_PERIOD_MONTHS = 12;


/** A period bound: "YYYY-MM", or the first (start) / last (end) day of a month as YYYY-MM-DD → its month index. */
export function monthBound(edge: "start" | "end") {
  return z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.trim()) : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}(-\d{2})?$/, { message: "validation.date" })
      .transform((s, ctx) => {
        const [y, m, d] = s.split("-").map(Number);
        if (m < 1 || m > 12 || y < 2000 || y > 2100) {
          ctx.addIssue({ code: "custom", message: "validation.date" });
          return z.NEVER;
        }
        const index = monthIndex(y, m);
        if (d !== undefined) {
          const date = new Date(Date.UTC(y, m - 1, d));
          if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
            ctx.addIssue({ code: "custom", message: "validation.date" });
            return z.NEVER;
          }
          const want = edge === "start" ? firstDayOf(index) : lastDayOf(index);
          if (date.getTime() !== want.getTime()) {
            ctx.addIssue({ code: "custom", message: edge === "start" ? "progress.validation.monthStart" : "progress.validation.monthEnd" });
            return z.NEVER;
          }
        }
        return index;
      })
      .optional(),
  );
}


/** Query of the dashboard, the overview API and the reports: period (months), year, optional station code. */
export const progressQuerySchema = z
  // An empty filter ("station=" when 全县 is chosen) means "not set", as everywhere (lib/validation/primitives.ts).
  .object({ from: monthBound("start"), to: monthBound("end"), year: optional(yearNumberSchema), station: codeFilterSchema })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined) {
      if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "progress.validation.order" });
      else if (q.to - q.from + 1 > MAX_PERIOD_MONTHS) ctx.addIssue({ code: "custom", path: ["to"], message: "progress.validation.tooLong", params: { max: MAX_PERIOD_MONTHS } });
    }
  });

export type ProgressQuery = z.infer<typeof progressQuerySchema>;

/** A resolved period: inclusive month indexes and their calendar bounds. */
export type Period = { fromMonth: number; toMonth: number; from: string; to: string; months: number };

export function periodOf(fromMonth: number, toMonth: number): Period {
  return {
    fromMonth,
    toMonth,
    from: firstDayOf(fromMonth).toISOString().slice(0, 10),
    to: lastDayOf(toMonth).toISOString().slice(0, 10),
    months: toMonth - fromMonth + 1,
  };
}

/** The current month in the county's time zone. */
export function currentMonth(): number {
  const today = countyToday();
  return monthIndex(Number(today.slice(0, 4)), Number(today.slice(5, 7)));
}

/**
 * Fills the period's gaps: no period → the 12 months up to `anchor` (the latest month with data, so a county whose
 * data stops in the past still opens on figures); only `from` → 12 months from it; only `to` → 12 months up to it.
 * The year defaults to the period's last year.
 */
export function resolvePeriod(q: Pick<ProgressQuery, "from" | "to" | "year">, anchor: number): { period: Period; year: number } {
  const span = DEFAULT_PERIOD_MONTHS - 1;
  const fromMonth = q.from ?? (q.to !== undefined ? q.to - span : anchor - span);
  const toMonth = q.to ?? (q.from !== undefined ? q.from + span : anchor);
  return { period: periodOf(fromMonth, toMonth), year: q.year ?? Math.floor(toMonth / 12) };
}
