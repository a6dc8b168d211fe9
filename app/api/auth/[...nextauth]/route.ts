import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";
import { throttledCallbackAnswer } from "@/lib/auth/callback-throttle";

export const { GET } = handlers;

// A throttled POST /api/auth/callback/credentials answers 429 with Retry-After (lib/auth/callback-throttle.ts).
export async function POST(request: NextRequest) {
  const form = await request.clone().formData().then((f) => new URLSearchParams(f as unknown as Record<string, string>)).catch(() => null);
  return throttledCallbackAnswer(request, form, await handlers.POST(request));
}
