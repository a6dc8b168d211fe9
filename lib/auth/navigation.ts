import type { Role } from "../generated/prisma/enums";

/** The sidebar sections and who may open each: one table for the navigation and the page guards. */
export const SECTIONS = [
  { key: "dashboard", href: "/", roles: ["ADMIN", "STAFF", "OPERATOR", "VIEWER"] },
  { key: "stations", href: "/stations", roles: ["ADMIN", "STAFF", "OPERATOR"] },
  { key: "households", href: "/households", roles: ["ADMIN", "STAFF", "OPERATOR"] },
  { key: "income", href: "/income", roles: ["ADMIN", "STAFF", "OPERATOR"] },
  { key: "products", href: "/products", roles: ["ADMIN", "STAFF", "OPERATOR"] },
  { key: "sales", href: "/sales", roles: ["ADMIN", "STAFF", "OPERATOR"] },
  { key: "reports", href: "/reports", roles: ["ADMIN", "STAFF", "OPERATOR", "VIEWER"] },
  { key: "admin", href: "/admin", roles: ["ADMIN"] },
] as const satisfies readonly { key: string; href: string; roles: readonly Role[] }[];

export type SectionKey = (typeof SECTIONS)[number]["key"];

export function sectionsFor(role: Role) {
  return SECTIONS.filter((s) => (s.roles as readonly Role[]).includes(role));
}

export function sectionRoles(key: SectionKey): readonly Role[] {
  return SECTIONS.find((s) => s.key === key)!.roles;
}
