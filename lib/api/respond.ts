import "server-only";
import { NextResponse } from "next/server";
import { AppError, toAppError } from "../errors";
import { localeFromAcceptLanguage, renderMsg, toLocale } from "../i18n";
import { currentViewer } from "../auth/session";
import { viewerForToken } from "../auth/tokens";
import { unauthorized } from "../errors";
import type { Viewer } from "../auth/viewer";
import type { Locale } from "../validation/auth";

/** The error body every /api/v1 failure uses: {"error":{"code","message","fields"}}. */
export function errorResponse(error: unknown, locale: Locale): NextResponse {
  const err = toAppError(error);
  if (err.code === "INTERNAL" && !(error instanceof AppError)) console.error(error);
  const fields = err.fields ? Object.fromEntries(Object.entries(err.fields).map(([k, m]) => [k, renderMsg(locale, m)])) : undefined;
  const body: Record<string, unknown> = { code: err.code, message: renderMsg(locale, err.msg) };
  if (fields) body.fields = fields;
  if (err.details !== undefined) body.details = err.details;
  const response = NextResponse.json({ error: body }, { status: err.status });
  const retryAfter = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (err.code === "RATE_LIMITED" && typeof retryAfter === "number") response.headers.set("Retry-After", String(retryAfter));
  return response;
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

type Handler<C> = (ctx: { request: Request; viewer: Viewer; params: C }) => Promise<unknown>;

/** Wraps a /api/v1 route: authenticates, runs the lib/ call, and answers JSON (or the error shape). */
export function apiRoute<C = Record<string, string | string[]>>(handler: Handler<C>, opts: { status?: number } = {}) {
  return async (request: Request, context: { params: Promise<C> }) => {
    let locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
    try {
      const viewer = await apiViewer(request);
      locale = toLocale(viewer.locale);
      const result = await handler({ request, viewer, params: await context.params });
      if (result instanceof Response) return result;
      return NextResponse.json(result, { status: opts.status ?? 200 });
    } catch (error) {
      return errorResponse(error, locale);
    }
  };
}

/** Reads a JSON body; a body that is not JSON is a validation error, not a crash. */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("VALIDATION", { key: "errors.badJson" });
  }
}
