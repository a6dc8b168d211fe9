import { NextResponse, type NextRequest } from "next/server";
import { fromOwnOrigin } from "./lib/api/origin";
import { contentSecurityPolicy, makeNonce } from "./lib/csp";

// The edge of every request, before any page, action or route runs. Optimistic only: the real checks (who may do
// what) happen in lib/ on every call.
// - A server action posted from a foreign Origin → 403 (Next refuses it too, but with a 500).
// - Visitors without a session cookie → /login (pages only: the API answers 401 JSON itself).
// - Pages get their Content-Security-Policy with a fresh nonce. Next.js reads the nonce from the CSP *request*
//   header and puts it on its own scripts; the same policy goes on the response. Nonces need dynamically rendered
//   pages: ours are anyway (the root layout reads the locale cookie; every dashboard page reads the session). The
//   API's headers come from next.config.js.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const isPublic = (pathname: string) => pathname === "/login" || pathname.startsWith("/login/");

export function proxy(request: NextRequest) {
  // Next's own check allows a server action without an Origin header (old browsers); so does this one.
  if (request.method === "POST" && request.headers.has("next-action") && !fromOwnOrigin(request.headers, request.url, true)) {
    return new NextResponse("Forbidden: the request did not come from this application. / 请求来源不是本系统，已拒绝。", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const path = request.nextUrl.pathname;
  if (path.startsWith("/api/")) return NextResponse.next();
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession && !isPublic(path)) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    return NextResponse.redirect(url);
  }
  const csp = contentSecurityPolicy(makeNonce());
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Everything but Next's static files and icons: the origin check applies to the API too. (Unusual methods are
  // refused before Next, in scripts/method-guard.mjs.)
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|jpg|svg|ico|css|js|txt|webmanifest|woff2?)$).*)"],
};
