"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { runFormAction, type FormState } from "@/lib/api/form";
import { recordSale, reverseSale } from "@/lib/sales";
import { searchSupplierHouseholds, type SupplierOption } from "@/lib/sales/suppliers";
import { yuanToFen } from "@/lib/validation/money";

/** The household picker's search (sales, trainings, products): only households the viewer may name. */
export async function searchSuppliersAction(q: string, stationId: number | null): Promise<SupplierOption[]> {
  const viewer = await requireUser();
  return searchSupplierHouseholds(viewer, { q, stationId });
}

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

export async function recordSaleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction<{ saleId: number }>(async () => {
    const viewer = await requireUser();
    const { sale } = await recordSale(viewer, saleInput(formData));
    revalidatePath("/sales");
    return { saleId: sale.id };
  });
  // redirect() throws, so it runs outside runFormAction. The sale page shows any supplier outside the coverage.
  if (state.ok && state.saleId) redirect(`/sales/${state.saleId}?recorded=1`);
  return state;
}

export async function reverseSaleAction(saleId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const viewer = await requireUser();
    await reverseSale(viewer, saleId, { reason: formData.get("reason") });
    revalidatePath(`/sales/${saleId}`);
    revalidatePath("/sales");
  });
}
