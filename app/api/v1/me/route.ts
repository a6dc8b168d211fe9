import { apiRoute } from "@/lib/api/respond";
import { describeViewer } from "@/lib/users/me";

export const GET = apiRoute("me.read", async ({ viewer }) => describeViewer(viewer));
