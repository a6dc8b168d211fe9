import { apiRoute } from "@/lib/api/respond";
import { getSale } from "@/lib/sales";

/** GET: one sale with its suppliers (village, outside the station's coverage or not) and the ledger entries it produced. */
export const GET = apiRoute<{ id: string }>("sales.read", async ({ viewer, params }) => getSale(viewer, Number(params.id)));
