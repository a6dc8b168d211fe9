// The one rule for HTTP methods outside the usual set: 405 with Allow, in the API's error shape, before Next.js sees
// the request (Next builds a fetch Request for it, which refuses TRACE, and answered 500). Used by scripts/serve.mjs.

export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const ALLOWED = new Set(METHODS);

/** Answers the request with 405 when its method is not one of METHODS; returns whether it did. */
export function refuseUnusualMethod(req, res) {
  if (ALLOWED.has(req.method ?? "")) return false;
  const body = JSON.stringify({ error: { code: "METHOD_NOT_ALLOWED", message: "Method not allowed / 不支持该请求方法" } });
  res.writeHead(405, { Allow: METHODS.join(", "), "Content-Type": "application/json", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
  return true;
}
