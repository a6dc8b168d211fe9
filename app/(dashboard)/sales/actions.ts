"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, viewerAction, type FormState } from "@/lib/api/form";
import { recordSale, reverseSale } from "@/lib/sales";
import { searchSupplierHouseholds, type SupplierOption } from "@/lib/sales/suppliers";
import { yuanToFen } from "@/lib/validation/money";

/** The household picker's search (sales, trainings, products): only households the viewer may name. */
export const searchSuppliersAction = viewerAction("sales.create", async (viewer, q: string, stationId: number | null): Promise<SupplierOption[]> =>
  searchSupplierHouseholds(viewer, { q, stationId }),
);

/** The sale form as lib input: yuan → fen, supplier rows from the repeated id/payout fields. */
function saleInput(formData: FormData) {
  const ids = formData.getAll("supplierHouseholdId");
  const payouts = formData.getAll("supplierPayout");
  return {
    productId: formData.get("productId"),
    stationId: formData.get("stationId"),
    channel: formData.get("channel"),
    date: formData.get("date"),
    quantity: formData.get("quantity"),
    amountFen: yuanToFen(formData.get("amount")),
    note: formData.get("note"),
    suppliers: ids.map((id, i) => ({ householdId: id, payoutFen: yuanToFen(payouts[i]) })),
  };
}

export const recordSaleAction = formAction("sales.create", async (viewer, _prev: FormState, formData: FormData) => {
  const { sale } = await recordSale(viewer, saleInput(formData));
  revalidatePath("/sales");
  // The sale page shows any supplier outside the station's coverage.
  redirect(`/sales/${sale.id}?recorded=1`);
});

export const reverseSaleAction = formAction("sales.reverse", async (viewer, saleId: number, _prev: FormState, formData: FormData) => {
  await reverseSale(viewer, saleId, { reason: formData.get("reason") });
  revalidatePath(`/sales/${saleId}`);
  revalidatePath("/sales");
});
