import "server-only";
import { errorResponse } from "../api/respond";
import { rateLimited } from "../errors";
import { localeFromAcceptLanguage } from "../i18n";
import { accountKey, clientAddress, signInRetryAfter } from "./throttle";

/**
 * next-auth's own POST /api/auth/callback/credentials answers a throttled sign-in (authorize threw SignInThrottled)
 * with a redirect to /login?error=CredentialsSignin&code=locked. For an API caller that is a 429 with Retry-After
 * and our error shape instead. `form` is the request body, read from a clone before next-auth consumed it.
 */
export async function throttledCallbackAnswer(request: Request, form: URLSearchParams | null, response: Response): Promise<Response> {
  if (!new URL(request.url).pathname.endsWith("/callback/credentials")) return response;
  let target = response.headers.get("location");
  if (!target && (response.headers.get("content-type") ?? "").includes("json")) {
    target = ((await response.clone().json().catch(() => null)) as { url?: string } | null)?.url ?? null;
  }
  if (!target || new URL(target, request.url).searchParams.get("code") !== "locked") return response;
  const seconds = await signInRetryAfter(accountKey({ email: form?.get("email") ?? undefined }), clientAddress(request.headers));
  return errorResponse(rateLimited(Math.max(1, seconds)), localeFromAcceptLanguage(request.headers.get("accept-language")));
}
