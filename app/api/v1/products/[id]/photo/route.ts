import { apiRoute } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { removeProductPhoto, setProductPhoto } from "@/lib/products";

/** POST multipart/form-data with a `photo` file (JPEG/PNG/WebP by content, ≤ 2 MB): sets the product's photo. */
export const POST = apiRoute<{ id: string }>("products.manage", async ({ request, viewer, params }) => {
  const form = await request.formData().catch(() => {
    throw new AppError("VALIDATION", { key: "errors.validation" }, { photo: { key: "validation.required" } });
  });
  const file = form.get("photo");
  return setProductPhoto(viewer, Number(params.id), typeof file === "string" ? null : file);
});
export const DELETE = apiRoute<{ id: string }>("products.manage", async ({ viewer, params }) => removeProductPhoto(viewer, Number(params.id)));
