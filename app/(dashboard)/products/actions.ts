"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { runFormAction, type FormState } from "@/lib/api/form";
import { createProduct, removeProductPhoto, setProductPhoto, updateProduct } from "@/lib/products";
import { Platform } from "@/lib/generated/prisma/enums";
import { yuanToFen } from "@/lib/validation/money";

/** The product form as lib input; listing rows are one per platform, posted as listing.<PLATFORM>.<field>. */
function productInput(formData: FormData, editing: boolean) {
  const platforms = Object.values(Platform).filter((p) => formData.get(`listing.${p}.status`));
  return {
    input: {
      code: formData.get("code"), name: formData.get("name"), nameEn: formData.get("nameEn"), category: formData.get("category"),
      unit: formData.get("unit"), priceFen: yuanToFen(formData.get("price")), stationId: formData.get("stationId"),
      active: formData.get("active") === "on",
      // A new product gets its whole supplier list; an edit adds and removes some (products have hundreds).
      ...(editing
        ? { addSupplierHouseholdIds: formData.getAll("addSupplierHouseholdIds"), removeSupplierHouseholdIds: formData.getAll("removeSupplierHouseholdIds") }
        : { supplierHouseholdIds: formData.getAll("supplierHouseholdIds") }),
      listings: platforms.map((p) => ({ platform: p, status: formData.get(`listing.${p}.status`), url: formData.get(`listing.${p}.url`), listedOn: formData.get(`listing.${p}.listedOn`) })),
    },
    platforms,
  };
}

/** listings.<i>.<field> errors → listing.<PLATFORM>.<field>, the names of the form's rows. */
function renameListingErrors(state: FormState, platforms: string[]): FormState {
  if (!state.fields) return state;
  const fields = Object.fromEntries(Object.entries(state.fields).map(([k, v]) => {
    const m = /^listings\.(\d+)\.(\w+)$/.exec(k);
    return [m ? `listing.${platforms[Number(m[1])]}.${m[2]}` : k, v];
  }));
  return { ...state, fields };
}

export async function createProductAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { input, platforms } = productInput(formData, false);
  const state = await runFormAction<{ id: number }>(async () => {
    const viewer = await requireUser();
    const product = await createProduct(viewer, input);
    revalidatePath("/products");
    return { id: product.id };
  });
  if (state.ok && state.id) redirect(`/products/${state.id}?saved=1`);
  return renameListingErrors(state, platforms);
}

export async function updateProductAction(id: number, _prev: FormState, formData: FormData): Promise<FormState> {
  const { input, platforms } = productInput(formData, true);
  const state = await runFormAction(async () => {
    const viewer = await requireUser();
    await updateProduct(viewer, id, input);
    revalidatePath("/products");
    revalidatePath(`/products/${id}`);
  });
  if (state.ok) redirect(`/products/${id}?saved=1`);
  return renameListingErrors(state, platforms);
}

export async function setPhotoAction(id: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const viewer = await requireUser();
    const file = formData.get("photo");
    await setProductPhoto(viewer, id, typeof file === "string" ? null : file);
    revalidatePath(`/products/${id}`);
  });
}

export async function removePhotoAction(id: number) {
  const viewer = await requireUser();
  await removeProductPhoto(viewer, id);
  revalidatePath(`/products/${id}`);
}
