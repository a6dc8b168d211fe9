"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, viewerAction, type FormState } from "@/lib/api/form";
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
      ...(editing ? { version: formData.get("version") } : {}),
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
function renameListingErrors(state: FormState, formData: FormData): FormState {
  if (!state.fields) return state;
  const { platforms } = productInput(formData, false);
  const fields = Object.fromEntries(Object.entries(state.fields).map(([k, v]) => {
    const m = /^listings\.(\d+)\.(\w+)$/.exec(k);
    return [m ? `listing.${platforms[Number(m[1])]}.${m[2]}` : k, v];
  }));
  return { ...state, fields };
}

export const createProductAction = formAction(
  "products.manage",
  async (viewer, _prev: FormState, formData: FormData) => {
    const product = await createProduct(viewer, productInput(formData, false).input);
    revalidatePath("/products");
    redirect(`/products/${product.id}?saved=1`);
  },
  (state, _prev, formData) => renameListingErrors(state, formData),
);

export const updateProductAction = formAction(
  "products.manage",
  async (viewer, id: number, _prev: FormState, formData: FormData) => {
    await updateProduct(viewer, id, productInput(formData, true).input);
    revalidatePath("/products");
    revalidatePath(`/products/${id}`);
    redirect(`/products/${id}?saved=1`);
  },
  (state, _id, _prev, formData) => renameListingErrors(state, formData),
);

export const setPhotoAction = formAction("products.manage", async (viewer, id: number, _prev: FormState, formData: FormData) => {
  const file = formData.get("photo");
  await setProductPhoto(viewer, id, typeof file === "string" ? null : file);
  revalidatePath(`/products/${id}`);
});

export const removePhotoAction = viewerAction("products.manage", async (viewer, id: number) => {
  await removeProductPhoto(viewer, id);
  revalidatePath(`/products/${id}`);
});
