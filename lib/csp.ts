// The Content-Security-Policy of every page (proxy.ts sets it per request; README "Security headers" says why each
// source is there). Next.js puts inline bootstrap scripts (self.__next_f.push(…), the RSC payload) into every page;
// they carry this request's nonce, which Next reads from the CSP request header set by proxy.ts.
const DEV = process.env.NODE_ENV === "development";

/** A fresh, unguessable nonce for one response (base64 of 16 random bytes). */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay and call stacks: 'unsafe-eval' in `next dev` only.
    `script-src 'self' 'nonce-${nonce}'${DEV ? " 'unsafe-eval'" : ""}`,
    // React style={{…}} props (bar widths) are inline style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // 'self' also covers the dev server's same-origin HMR websocket.
    "connect-src 'self'",
    // The operator app's service worker (/sw.js) and the web app manifest, both from this origin only.
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
