import { apiRoute, jsonBody, listEnvelope, queryOf } from "@/lib/api/respond";
import { listSales, recordSale, salesTotals } from "@/lib/sales";
import { renderMsg, toLocale } from "@/lib/i18n";

/**
 * GET: sales newest first with filters stationId, productId, householdId, channel, from, to, state (active|reversed), page,
 * and the totals of the matching sales that are not reversed (by product, channel, station, month).
 */
export const GET = apiRoute("sales.read", async ({ request, viewer }) => {
  const query = queryOf(request);
  const [list, totals] = await Promise.all([listSales(viewer, query), salesTotals(viewer, query)]);
  return listEnvelope(list, undefined, { totals });
});

/**
 * POST {productId, stationId, channel, date, quantity, amountFen, note?, suppliers: [{householdId, payoutFen}]} → 201
 * {sale, warnings}. A warning {code: "SUPPLIER_OUTSIDE_COVERAGE", field, householdId, householdCode, villageName, message}
 * means an ADMIN/STAFF named a household whose village the station does not cover: recorded, but worth a check.
 * Idempotency-Key accepted (a repeat answers the first sale, lib/idempotency.ts).
 */
export const POST = apiRoute("sales.create", async ({ request, viewer, idempotency }) => {
  const body = await jsonBody(request);
  const { sale, warnings } = await recordSale(viewer, body, { idempotency: idempotency(body) });
  const locale = toLocale(viewer.locale);
  return {
    sale,
    warnings: warnings.map((w) => ({ ...w, message: renderMsg(locale, { key: "sales.outsideWarning", values: { list: `${w.householdCode}（${w.villageName}）` } }) })),
  };
}, { status: 201 });
