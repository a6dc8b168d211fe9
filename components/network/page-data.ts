import "server-only";
import { forbidden, notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** Runs a lib/ read for a page: NOT_FOUND → the 404 page, FORBIDDEN → the 403 page (an OPERATOR guessing an id). */
export async function loadOr404<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    // A malformed id in the URL (/households/abc, an id beyond int4) is a page that does not exist.
    if (e instanceof AppError && (e.code === "NOT_FOUND" || (e.code === "VALIDATION" && e.fields?.id))) notFound();
    if (e instanceof AppError && e.code === "FORBIDDEN") forbidden();
    throw e;
  }
}

/** A list read with the URL's filters; a malformed filter falls back to the unfiltered list and says so. */
export async function withQueryFallback<T>(read: (query: Record<string, string | undefined>) => Promise<T>, query: Record<string, string | undefined>): Promise<{ data: T; badQuery: boolean }> {
  try {
    return { data: await read(query), badQuery: false };
  } catch (e) {
    if (e instanceof AppError && e.code === "VALIDATION") return { data: await read({}), badQuery: true };
    throw e;
  }
}
