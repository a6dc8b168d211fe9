import { apiRoute } from "@/lib/api/respond";
import { toLocale } from "@/lib/i18n";
import { fileResponse, importTemplate } from "@/lib/import/export";

/** GET ?format=csv|xlsx: the import template (headers in the user's language, one example row). */
export const GET = apiRoute("households.import", async ({ request, viewer }) => {
  return fileResponse(await importTemplate("households", new URL(request.url).searchParams.get("format"), toLocale(viewer.locale)));
});
