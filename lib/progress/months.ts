// Month indexes: year × 12 + (month − 1). The summaries and the period figures count in whole months.
import { Prisma } from "../generated/prisma/client";

export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

/** The month index of a calendar date (a @db.Date value at UTC midnight). */
export function monthOfDate(date: Date): number {
  return monthIndex(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

/** "YYYY-MM" of a month index. */
export function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function firstDayOf(index: number): Date {
  return new Date(Date.UTC(Math.floor(index / 12), index % 12, 1));
}

export function lastDayOf(index: number): Date {
  return new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0));
}

/** The same month index computed in SQL from a date column or expression. */
export function sqlMonthOf(column: string): Prisma.Sql {
  return Prisma.raw(`(extract(year FROM ${column})::int * 12 + extract(month FROM ${column})::int - 1)`);
}
