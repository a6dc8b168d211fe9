// Is a request's Origin (or Referer) this application? One rule for the API's cookie-authenticated writes
// (lib/api/respond.ts) and for server actions (proxy.ts). No server-only imports: proxy.ts uses it too.

/** The hosts this app answers as: the Host header, a reverse proxy's X-Forwarded-Host, and APP_ORIGINS (comma-separated). */
function ownHosts(headers: Headers, url: string): Set<string> {
  const own = new Set(
    [headers.get("x-forwarded-host"), headers.get("host"), new URL(url).host].filter((h): h is string => !!h).map((h) => h.split(",")[0].trim().toLowerCase()),
  );
  for (const extra of (process.env.APP_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    try {
      own.add(new URL(extra).host.toLowerCase());
    } catch {
      // a malformed entry allows nothing
    }
  }
  return own;
}

/**
 * true when the request names this app as its Origin (or, without an Origin, its Referer). `missing` decides a
 * request that has neither (not a browser, or a very old one).
 */
export function fromOwnOrigin(headers: Headers, url: string, missing: boolean): boolean {
  const source = headers.get("origin") ?? headers.get("referer");
  if (!source || source === "null") return source === "null" ? false : missing;
  try {
    return ownHosts(headers, url).has(new URL(source).host.toLowerCase());
  } catch {
    return false;
  }
}
