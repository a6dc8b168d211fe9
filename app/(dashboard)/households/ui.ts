import { forbidden } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getHousehold } from "@/lib/households";
import { householdOverview } from "@/lib/income";
import type { Viewer } from "@/lib/auth/viewer";

/** A link to the same list with some search params changed ("" or undefined drops a param); keeps the filter state in the URL. */
export function hrefWith(path: string, params: Record<string, string | undefined>, changes: Record<string, string | number | undefined>): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...changes })) if (v !== undefined && v !== "") next.set(k, String(v));
  const qs = next.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Search params as plain strings (the first value of repeated ones). */
export function flatParams(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** Badge colours of the household statuses. */
export const STATUS_TONE = { POOR: "amber", EXITED: "green", MONITORED: "blue" } as const;

type Places = { townships: { id: number; name: string }[]; villages: { id: number; name: string; townshipId: number }[] };

/** Villages grouped by township, for a <select> with optgroups. */
export function villageGroups(places: Places) {
  return places.townships.map((tw) => ({
    label: tw.name,
    options: places.villages.filter((v) => v.townshipId === tw.id).map((v) => ({ id: v.id, label: v.name })),
  }));
}

/** The household for a page, or null for a missing one (the page shows 404); another station's is the 403 page. */
export async function loadHouseholdOr404(viewer: Viewer, rawId: string) {
  try {
    return await getHousehold(viewer, Number(rawId));
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return null;
    if (e instanceof AppError && e.code === "FORBIDDEN") forbidden();
    throw e;
  }
}

/** The household page's data, or null for a missing household; another station's is the 403 page. */
export async function loadOverviewOr404(viewer: Viewer, rawId: string, limit: number) {
  try {
    return await householdOverview(viewer, Number(rawId), limit);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return null;
    if (e instanceof AppError && e.code === "FORBIDDEN") forbidden();
    throw e;
  }
}
