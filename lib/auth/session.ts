import "server-only";
import { cache } from "react";
import { auth } from "./config";
import { loadViewer } from "./credentials";
import { assertRole, type RoleSpec, type Viewer } from "./viewer";
import { unauthorized } from "../errors";

/**
 * The signed-in user of this request, fresh from the database (cached for the request), or null. A session whose
 * version is not the user's current one (signed out, password changed, role changed, deactivated) counts as none,
 * and so does a token without a version (issued before versions existed).
 */
export const currentViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id < 1 || typeof session?.sv !== "number") return null;
  return loadViewer(id, { sessionVersion: session.sv });
});

/** For server actions and pages: the signed-in user, optionally required to hold a role. Throws AppError. */
export async function requireUser(opts: { role?: RoleSpec } = {}): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) throw unauthorized();
  if (opts.role) assertRole(viewer, opts.role);
  return viewer;
}
