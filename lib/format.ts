/** The county's clock: "today", and moments shown to users, are in Rongshui's time zone. */
export const COUNTY_TIME_ZONE = "Asia/Shanghai";

// One formatter for the process: creating an Intl.DateTimeFormat costs ~0.1 ms, and imports validate 30,000 rows.
const COUNTY_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: COUNTY_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar date in the county, as YYYY-MM-DD. */
export function countyToday(now: Date = new Date()): string {
  return COUNTY_DAY.format(now);
}

/** The county's date as YYYYMMDD, for file names (贫困户名册-20261204.xlsx). */
export function countyDateStamp(now: Date = new Date()): string {
  return countyToday(now).replace(/-/g, "");
}

const COUNTY_MOMENT = new Intl.DateTimeFormat("en-CA", {
  timeZone: COUNTY_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
});

function countyParts(now: Date) {
  const p = Object.fromEntries(COUNTY_MOMENT.formatToParts(now).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}`, wall: Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) };
}

/** A moment as the county's wall clock, "YYYY-MM-DD HH:mm" (report "generated at" lines and cells). */
export function countyDateTime(now: Date | string = new Date()): string {
  const { date, time } = countyParts(new Date(now));
  return `${date} ${time.slice(0, 5)}`;
}

/**
 * A moment as ISO 8601 with the county's offset, e.g. 2026-12-04T01:30:00+08:00: the same instant as toISOString(),
 * but its first ten characters are the county's date, so whoever slices it shows the right day.
 */
export function countyIsoTimestamp(now: Date = new Date()): string {
  const { date, time, wall } = countyParts(now);
  const offset = Math.round((wall - Math.floor(now.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${date}T${time}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Money is integer fen everywhere; these show it as yuan for the user's locale. */
export function formatYuan(fen: number | bigint, locale: string, opts: { decimals?: 0 | 2 } = {}): string {
  const decimals = opts.decimals ?? 2;
  return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(Number(fen) / 100);
}

export function formatNumber(value: number | bigint, locale: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

export function formatPercent(value: number | null, locale: string, digits = 1): string {
  if (value === null || Number.isNaN(value)) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value / 100);
}

/** Calendar dates (@db.Date) come back as UTC midnight: format them in UTC so no day shifts. */
export function formatDate(date: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }).format(new Date(date));
}

/** The county's calendar day of a moment (a createdAt shown as a date only); formatDate is for @db.Date values. */
export function formatMomentDate(date: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: COUNTY_TIME_ZONE }).format(new Date(date));
}

/** Moments (createdAt, audit times) in the county's time zone. */
export function formatDateTime(date: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone: COUNTY_TIME_ZONE }).format(new Date(date));
}

/** ISO YYYY-MM-DD of a calendar date. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A name with its code (or a short note, such as a unit) in the page's brackets: "潘老三（450225205001-0042）", "Black tea (jin)". */
export function withCode(name: string, code: string, locale: string): string {
  return locale.startsWith("en") ? `${name} (${code})` : `${name}（${code}）`;
}
