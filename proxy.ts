import { NextResponse, type NextRequest } from "next/server";

// Optimistic only: send visitors without a session cookie to /login. Real checks happen in lib/ on every call.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = "";
  return NextResponse.redirect(url);
}

export const config = {
  // Not the API (it answers 401 JSON itself), not the login page, not static files.
  matcher: ["/((?!api/|login|_next/|favicon.ico|.*\\.(?:png|jpg|svg|ico|css|js)$).*)"],
};
