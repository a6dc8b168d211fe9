import { forbidden } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getHousehold } from "@/lib/households";
import { householdOverview } from "@/lib/income";
import type { Viewer } from "@/lib/auth/viewer";
import { townshipName } from "@/lib/places";

/** Badge colours of the household statuses. */
export const STATUS_TONE = { POOR: "amber", EXITED: "green", MONITORED: "blue" } as const;

type Places = { townships: { id: number; name: string; nameEn?: string | null }[]; villages: { id: number; name: string; townshipId: number }[] };

/** Villages grouped by township, for a <select> with optgroups (the township's pinyin name on English pages). */
export function villageGroups(places: Places, locale: string) {
  return places.townships.map((tw) => ({
    label: townshipName(tw, locale),
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
