import "server-only";
import { forbidden, redirect } from "next/navigation";
import { currentViewer } from "./session";
import { sectionRoles, type SectionKey } from "./navigation";
import type { Viewer } from "./viewer";

/** For pages: the signed-in viewer allowed into a section; anonymous → /login, not allowed → the 403 page. */
export async function requireSection(section: SectionKey): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) redirect("/login");
  if (!sectionRoles(section).includes(viewer.role)) forbidden();
  return viewer;
}
