import { notFound } from "../errors";
import type { Role } from "../generated/prisma/enums";

/** Who may open the station, product and sales data (the VIEWER reads only dashboards: coverage and the network). */
export const READ_ROLES = ["ADMIN", "STAFF", "OPERATOR"] as const satisfies readonly Role[];
/** Who records sales and trainings (an OPERATOR only for their own station: assertCanWriteStation). */
export const WRITE_ROLES = READ_ROLES;
/** Who manages stations and the product catalog. */
export const MANAGE_ROLES = ["ADMIN", "STAFF"] as const satisfies readonly Role[];

export const PAGE_SIZE = 50;

/** skip/take for a 1-based page. */
export function pageArgs(page: number | undefined, size = PAGE_SIZE) {
  const p = page ?? 1;
  return { page: p, skip: (p - 1) * size, take: size, pageSize: size };
}

/** Prisma's unique-constraint error (P2002), e.g. a station code taken by a concurrent create. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** An id from a URL is a positive integer, or the record does not exist (404, never a database error). */
export function assertId(id: number): void {
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw notFound();
}
