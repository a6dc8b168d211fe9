import { NextResponse } from "next/server";
import { PROGRESS_OPENAPI } from "@/lib/progress/openapi";

/** GET: the OpenAPI description of the progress endpoints (public: it documents field names, no data). */
export function GET() {
  return NextResponse.json(PROGRESS_OPENAPI);
}
