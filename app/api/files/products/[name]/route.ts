import { apiRoute } from "@/lib/api/respond";
import { productPhoto } from "@/lib/products";

/** A product photo, to signed-in users only (session or bearer token; anonymous → 401). Names are random and never reused. */
export const GET = apiRoute<{ name: string }>("photos.read", async ({ viewer, params }) => {
  const { bytes, contentType } = await productPhoto(viewer, params.name);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(bytes.length),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
});
