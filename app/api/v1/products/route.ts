import { apiRoute, jsonBody, listEnvelope, queryOf } from "@/lib/api/respond";
import { createProduct, listProducts } from "@/lib/products";

/** GET: the catalog; filters q, category, stationId, platform (listed there), active. */
export const GET = apiRoute("products.read", async ({ request, viewer }) => listEnvelope(await listProducts(viewer, queryOf(request))));
/** POST (ADMIN/STAFF): {code, name, nameEn?, category, unit, priceFen, stationId?, active?, supplierHouseholdIds?, listings?}. */
export const POST = apiRoute("products.manage", async ({ request, viewer }) => createProduct(viewer, await jsonBody(request)), { status: 201 });
