import { apiRoute } from "@/lib/api/respond";
import { assessHousehold } from "@/lib/households";

/** GET ?year=YYYY: per-capita income, the line, each guarantee, eligible or not and why. */
export const GET = apiRoute<{ id: string }>("households.read", async ({ request, viewer, params }) =>
  assessHousehold(viewer, Number(params.id), { year: new URL(request.url).searchParams.get("year") ?? undefined }));
