// For tests of server actions: the signed-in user is whatever `session.viewer` holds, and Next's request-bound
// helpers (locale, cache revalidation, redirects) are stubbed; everything below the action is real.
// Import this before the actions: the mocks apply to modules loaded after it.
import { vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";

export const session = { viewer: null as Viewer | null };

vi.mock("@/lib/auth/session", async () => {
  const { unauthorized } = await import("@/lib/errors");
  return {
    requireUser: async () => {
      if (!session.viewer) throw unauthorized();
      return session.viewer;
    },
    currentViewer: async () => session.viewer,
  };
});
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
  // Next's control-flow errors pass through the action wrappers (lib/api/form.ts), as in Next itself.
  unstable_rethrow: (error: unknown) => {
    if (error instanceof Error && error.message === "NEXT_REDIRECT") throw error;
  },
}));

/** A form's submission as FormData: repeated values for arrays (checkbox groups, supplier rows), files as Blobs. */
export function form(values: Record<string, string | string[] | Blob>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  return data;
}
