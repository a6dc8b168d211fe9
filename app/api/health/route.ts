import { NextResponse } from "next/server";
import { health } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return NextResponse.json(await health());
  } catch {
    return NextResponse.json({ status: "error" }, { status: 503 });
  }
}
