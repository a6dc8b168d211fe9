import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, makeNonce } from "./lib/csp";

// Two jobs, both before a page renders:
// 1. Optimistic only: send visitors without a session cookie to /login. Real checks happen in lib/ on every call.
// 2. The page's Content-Security-Policy with a fresh nonce. Next.js reads the nonce from the CSP *request* header and
//    puts it on its own scripts; the same policy goes on the response. Nonces need dynamically rendered pages: ours
//    are anyway (the root layout reads the locale cookie; every dashboard page reads the session).
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const isPublic = (pathname: string) => pathname === "/login" || pathname.startsWith("/login/");

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession && !isPublic(request.nextUrl.pathname)) {
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
  // Pages only: not the API (it answers 401 JSON itself and gets its headers from next.config.js), not static files.
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.(?:png|jpg|svg|ico|css|js|txt|webmanifest)$).*)"],
};
