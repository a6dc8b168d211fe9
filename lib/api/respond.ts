import "server-only";
import { NextResponse } from "next/server";
import { AppError, invalid, toAppError, unauthorized } from "../errors";
import { localeFromAcceptLanguage, renderMsg, toLocale } from "../i18n";
import { currentViewer } from "../auth/session";
import { viewerForToken } from "../auth/tokens";
import { authorize, type Action } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import type { Locale } from "../validation/auth";
import { hasBadCharacters, parseId } from "../validation/primitives";
import { fromOwnOrigin } from "./origin";
import { MAX_JSON_BYTES } from "./limits";
import { idempotencyFor, type Idempotency } from "../idempotency";

// Every /api/v1 route is `apiRoute(action, handler)`: one wrapper that checks the edge (method, origin, query text,
// path ids), authenticates (bearer token or session cookie), authorises the policy action, runs the lib/ call and
// answers JSON or the one error shape. Authenticated responses are never cached (they carry personal data).

/** The error body every /api/v1 failure uses: {"error":{"code","message","fields"}}. */
export function errorResponse(error: unknown, locale: Locale): NextResponse {
  const err = toAppError(error);
  if (err.code === "INTERNAL" && !(error instanceof AppError)) console.error(error);
  const fields = err.fields ? Object.fromEntries(Object.entries(err.fields).map(([k, m]) => [k, renderMsg(locale, m)])) : undefined;
  const body: Record<string, unknown> = { code: err.code, message: renderMsg(locale, err.msg) };
  if (fields) body.fields = fields;
  if (err.details !== undefined) body.details = err.details;
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (err.code === "METHOD_NOT_ALLOWED") headers.Allow = "GET, HEAD, POST, PATCH, PUT, DELETE, OPTIONS";
  const retryAfter = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (err.code === "RATE_LIMITED" && typeof retryAfter === "number") headers["Retry-After"] = String(retryAfter);
  return NextResponse.json({ error: body }, { status: err.status, headers });
}

/** A bearer token when the request has an Authorization header (a malformed one is a 401), else the session. */
export async function apiViewer(request: Request): Promise<Viewer> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const viewer = match ? await viewerForToken(match[1]) : null;
    if (!viewer) throw unauthorized();
    return viewer;
  }
  const viewer = await currentViewer();
  if (!viewer) throw unauthorized();
  return viewer;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A write authenticated by the session cookie must come from the app's own pages: its Origin (or, failing that, its
 * Referer) names this host. A browser always sends one of them on a cross-site POST, so a foreign page cannot make
 * a signed-in user's browser write (CSRF). Bearer-token callers are not browsers and are not checked. Extra
 * origins allowed (a reverse proxy under another name): APP_ORIGINS, comma-separated.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method) || request.headers.has("authorization")) return;
  if (!fromOwnOrigin(request.headers, request.url, false)) throw new AppError("FORBIDDEN", { key: "errors.badOrigin" });
}

/** Query parameters with NUL or broken Unicode (%00, a lone %ED%A0%80) are refused with a field error. */
function assertCleanQuery(request: Request): void {
  const fields: Record<string, { key: string }> = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    if (hasBadCharacters(name) || hasBadCharacters(value) || value.includes("\uFFFD")) fields[hasBadCharacters(name) ? "_" : name] = { key: "validation.badCharacters" };
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
}

type Handler<C> = (ctx: {
  request: Request;
  viewer: Viewer;
  params: C;
  /**
   * The request's Idempotency-Key for the write about to be made with `body` (what is handed to lib/, path ids
   * included), or undefined without the header; a malformed key is a 400. A replayed answer gets the header
   * Idempotent-Replayed: true.
   */
  idempotency: (body: unknown) => Idempotency | undefined;
}) => Promise<unknown>;

export type ApiHandler = ((request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  /** The policy action this route method takes (read by the route × role test and the OpenAPI document). */
  policyAction: Action;
};

/** Wraps a /api/v1 route method: edge checks → authenticate → authorise `action` → run → JSON (or the error shape). */
export function apiRoute<C = Record<string, string | string[]>>(action: Action, handler: Handler<C>, opts: { status?: number } = {}): ApiHandler {
  const route = async (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => {
    let locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
    try {
      const viewer = await apiViewer(request);
      assertSameOrigin(request);
      locale = toLocale(viewer.locale);
      assertCleanQuery(request);
      const params = (await context.params) ?? {};
      if (typeof params.id === "string") parseId(params.id);
      authorize(viewer, action);
      let idem: Idempotency | undefined;
      const idempotency = (body: unknown) =>
        (idem = idempotencyFor(request.headers.get("idempotency-key"), viewer.id, `${request.method} ${new URL(request.url).pathname}`, body, opts.status ?? 200));
      const result = await handler({ request, viewer, params: params as C, idempotency });
      if (result instanceof Response) {
        if (!result.headers.has("Cache-Control")) result.headers.set("Cache-Control", "no-store");
        return result;
      }
      const headers: Record<string, string> = { "Cache-Control": "no-store" };
      if (idem?.replayed) headers["Idempotent-Replayed"] = "true";
      return NextResponse.json(result, { status: opts.status ?? 200, headers });
    } catch (error) {
      return errorResponse(error, locale);
    }
  };
  return Object.assign(route, { policyAction: action });
}

export { MAX_JSON_BYTES };

/** The first string in a JSON value that holds NUL or a lone surrogate, as a field path ("note", "suppliers.0.x"). */
function badStringPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return hasBadCharacters(value) ? path.join(".") || "_" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = badStringPath(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (hasBadCharacters(k)) return [...path, "_"].join(".");
      const found = badStringPath(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Reads a JSON body: at most 1 MB, valid UTF-8 (never stored as mojibake), valid JSON, and no string with NUL or a
 * lone surrogate (PostgreSQL cannot store them). Each failure is a 4xx with a message, never a 500.
 */
export async function jsonBody(request: Request, opts: { emptyAs?: unknown } = {}): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () => new AppError("TOO_LARGE", { key: "errors.tooLarge", values: { max: "1 MB" } });
  if (declared > MAX_JSON_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_JSON_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("VALIDATION", { key: "errors.badEncoding" });
  }
  // An endpoint whose body is optional says what an empty (or blank) body means; elsewhere it is bad JSON.
  if (opts.emptyAs !== undefined && text.trim() === "") return opts.emptyAs;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", { key: "errors.badJson" });
  }
  const bad = badStringPath(value);
  if (bad) throw new AppError("VALIDATION", { key: "errors.badCharacters" }, { [bad]: { key: "validation.badCharacters" } });
  return value;
}

/**
 * The one list envelope of /api/v1: {items, total, page, pageSize}, plus `legacyKey` (the list's name before the
 * envelope, e.g. "households") as an alias for one release, and any extra fields (sumFen, totals).
 */
export function listEnvelope<T>(list: { items: T[]; total?: number; page?: number; pageSize?: number }, legacyKey?: string, extra: Record<string, unknown> = {}) {
  const total = list.total ?? list.items.length;
  const body: Record<string, unknown> = { items: list.items, total, page: list.page ?? 1, pageSize: list.pageSize ?? Math.max(list.items.length, 1), ...extra };
  if (legacyKey) body[legacyKey] = list.items;
  return body;
}

/** The request's query string as a plain object (the lib/ schemas validate it). */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
