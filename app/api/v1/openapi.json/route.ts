import { NextResponse } from "next/server";
import { OPENAPI_DOCUMENT } from "@/lib/api/openapi";

/** GET: the OpenAPI 3.1 description of every /api/v1 endpoint (public: it documents field names, no data). */
export function GET() {
  return NextResponse.json(OPENAPI_DOCUMENT);
}
