import { apiRoute, listEnvelope } from "@/lib/api/respond";
import { searchHouseholds } from "@/lib/households";

/** GET ?q=: up to 10 households by code prefix or head's name (the entry form's picker). */
export const GET = apiRoute("households.read", async ({ request, viewer }) =>
  listEnvelope({ items: await searchHouseholds(viewer, { q: new URL(request.url).searchParams.get("q") ?? "" }) }, "households"));
