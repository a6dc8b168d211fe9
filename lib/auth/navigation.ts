import type { Role } from "../generated/prisma/enums";
import { can, type Action } from "./policy";

/** The sidebar sections and the action that opens each: who sees a section is the policy table's answer. */
export const SECTIONS = [
  { key: "dashboard", href: "/", action: "progress.read" },
  { key: "progress", href: "/progress", action: "progress.read" },
  { key: "stations", href: "/stations", action: "stations.read" },
  { key: "households", href: "/households", action: "households.read" },
  { key: "income", href: "/income", action: "income.read" },
  { key: "products", href: "/products", action: "products.read" },
  { key: "sales", href: "/sales", action: "sales.read" },
  { key: "monitoring", href: "/monitoring", action: "monitoring.read" },
  { key: "reports", href: "/reports", action: "reports.read" },
  { key: "admin", href: "/admin", action: "users.manage" },
] as const satisfies readonly { key: string; href: string; action: Action }[];

export type SectionKey = (typeof SECTIONS)[number]["key"];

export function sectionsFor(viewer: { role: Role; stationId: number | null }) {
  return SECTIONS.filter((s) => can(viewer, s.action));
}

export function sectionAction(key: SectionKey): Action {
  return SECTIONS.find((s) => s.key === key)!.action;
}
