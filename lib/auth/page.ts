import "server-only";
import { forbidden, redirect } from "next/navigation";
import { currentViewer } from "./session";
import { sectionAction, type SectionKey } from "./navigation";
import { can, type Action } from "./policy";
import type { Viewer } from "./viewer";

/** For pages: the signed-in viewer allowed into a section; anonymous → /login, not allowed → the 403 page. */
export async function requireSection(section: SectionKey, action: Action = sectionAction(section)): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) redirect("/login");
  if (!can(viewer, action)) forbidden();
  return viewer;
}
