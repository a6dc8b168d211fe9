import { apiRoute, jsonBody } from "@/lib/api/respond";
import { getProduct, updateProduct } from "@/lib/products";

export const GET = apiRoute<{ id: string }>("products.read", async ({ viewer, params }) => getProduct(viewer, Number(params.id)));
/** PATCH (ADMIN/STAFF): any subset of the fields; supplierHouseholdIds and listings, when given, replace the lists. */
export const PATCH = apiRoute<{ id: string }>("products.manage", async ({ request, viewer, params }) => updateProduct(viewer, Number(params.id), await jsonBody(request)));
