import { apiRoute, jsonBody } from "@/lib/api/respond";
import { createProduct, listProducts } from "@/lib/products";

/** GET: the catalog; filters q, category, stationId, platform (listed there), active. */
export const GET = apiRoute(async ({ request, viewer }) => listProducts(viewer, Object.fromEntries(new URL(request.url).searchParams)));
/** POST (ADMIN/STAFF): {code, name, nameEn?, category, unit, priceFen, stationId?, active?, supplierHouseholdIds?, listings?}. */
export const POST = apiRoute(async ({ request, viewer }) => createProduct(viewer, await jsonBody(request)), { status: 201 });
