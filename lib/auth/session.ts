import "server-only";
import { cache } from "react";
import { auth } from "./config";
import { loadViewer } from "./credentials";
import type { Viewer } from "./viewer";
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

/** For server actions: the signed-in user, or UNAUTHORIZED (what they may do is the policy's answer, lib/auth/policy.ts). */
export async function requireUser(): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) throw unauthorized();
  return viewer;
}
