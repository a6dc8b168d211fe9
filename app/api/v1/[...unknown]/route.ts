import { apiRoute } from "@/lib/api/respond";
import { notFound } from "@/lib/errors";

// Unknown /api/v1 paths answer the JSON error shape (401 for anonymous callers, else 404), never an HTML page.
const answer = apiRoute("me.read", async () => {
  throw notFound();
});
export { answer as GET, answer as POST, answer as PATCH, answer as PUT, answer as DELETE };
