// Field schemas shared by the station, product, sale and training inputs. The same schemas take JSON from the API
// and strings from HTML forms, so empty strings count as "not given" and numbers may arrive as strings.
import { z } from "zod";
import { blankToUndefined, toNumber } from "./households";
import { countyToday } from "../format";

const MAX_INT = 2_147_483_647;

/** Form strings that are numbers become numbers; blank becomes undefined ("required"); the rest stays as is. */
export { toNumber };

/** A database id: a positive integer, given as a number or a string of digits. */
export const idSchema = z.preprocess(toNumber, z.number().int().positive().max(MAX_INT));

/** An id that may be left out (or given as "" / null). */
export const optionalIdSchema = z.preprocess(toNumber, z.number().int().positive().max(MAX_INT).optional());

/** An optional filter or field: "" / null → undefined, else validated by the schema. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
}

/** Optional free text: trimmed, "" → null. */
export function optionalText(max: number) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(max).nullable().optional());
}


/** "YYYY-MM-DD" → the UTC-midnight Date that a @db.Date column holds. */
export function parseIsoDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

const isoDateString = z.iso.date().refine((v) => v >= "2000-01-01", { message: "validation.date" });

/** A calendar date (YYYY-MM-DD, from 2000 on) as a UTC-midnight Date. */
export const calendarDateSchema = isoDateString.transform(parseIsoDate);

/** A calendar date that is not in the future (county time). */
export const pastDateSchema = isoDateString.refine((v) => v <= countyToday(), { message: "validation.futureDate" }).transform(parseIsoDate);

/** Money in integer fen, more than zero, at most ¥10,000,000 (1,000,000,000 fen, which fits a 32-bit Int). */
export const MAX_FEN = 1_000_000_000;
export const fenSchema = z.preprocess(
  toNumber,
  z
    .number()
    .refine((v) => Number.isInteger(v), { message: "validation.wholeFen" })
    .refine((v) => v > 0, { message: "validation.positiveMoney" })
    .refine((v) => v <= MAX_FEN, { message: "validation.moneyTooLarge" }),
);

/** A list given as an array (JSON) or as repeated form values; duplicates dropped. */
export function idListSchema(max: number) {
  return z.array(idSchema).max(max).transform((ids) => [...new Set(ids)]);
}

/** A record code (station, product): upper-cased, 1–max characters of A–Z, 0–9 and "-". */
export function codeSchema(max: number, formatKey: string) {
  return z
    .string()
    .trim()
    .toUpperCase()
    .min(1)
    .max(max)
    .refine((v) => /^[A-Z0-9-]+$/.test(v), { message: formatKey });
}
