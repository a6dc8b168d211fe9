import { ZodError } from "zod";

/** A translatable message: a key in messages/<locale>.json under "errors" or "validation", plus its values. */
export type Msg = { key: string; values?: Record<string, string | number> };

export type ErrorCode = "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "VALIDATION" | "CONFLICT" | "TOO_LARGE" | "RATE_LIMITED" | "INTERNAL";

const STATUS: Record<ErrorCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  VALIDATION: 400,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** Every expected failure of a lib/ function: the pages and the API render it the same way. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly msg: Msg,
    readonly fields?: Record<string, Msg>,
    /** Extra data for the caller, e.g. the current record on a stale edit. */
    readonly details?: unknown,
  ) {
    super(msg.key);
    this.status = STATUS[code];
  }
}

export const unauthorized = () => new AppError("UNAUTHORIZED", { key: "errors.unauthorized" });
export const forbidden = () => new AppError("FORBIDDEN", { key: "errors.forbidden" });
export const notFound = () => new AppError("NOT_FOUND", { key: "errors.notFound" });
export const conflict = (msg: Msg, details?: unknown) => new AppError("CONFLICT", msg, undefined, details);
/** Too many attempts: details.retryAfterSeconds becomes the Retry-After header of an API answer. */
export const rateLimited = (retryAfterSeconds: number) => new AppError("RATE_LIMITED", { key: "errors.rateLimited" }, undefined, { retryAfterSeconds });
export const invalid = (fields: Record<string, Msg>) => new AppError("VALIDATION", { key: "errors.validation" }, fields);

/** Maps zod issues to field messages; custom refinements use a message key as their message. */
export function zodFields(error: ZodError): Record<string, Msg> {
  const fields: Record<string, Msg> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "_";
    if (fields[path]) continue;
    fields[path] = issueMsg(issue);
  }
  return fields;
}

function issueMsg(issue: ZodError["issues"][number]): Msg {
  switch (issue.code) {
    case "invalid_type":
      return { key: issue.input === undefined || issue.input === null || issue.input === "" ? "validation.required" : "validation.invalid" };
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? { key: "validation.required" } : { key: "validation.tooShort", values: { min: Number(issue.minimum) } };
      if (issue.origin === "array") return { key: "validation.atLeastOne" };
      return { key: "validation.min", values: { min: Number(issue.minimum) } };
    case "too_big":
      if (issue.origin === "string") return { key: "validation.tooLong", values: { max: Number(issue.maximum) } };
      if (issue.origin === "array") return { key: "validation.tooMany", values: { max: Number(issue.maximum) } };
      return { key: "validation.max", values: { max: Number(issue.maximum) } };
    case "invalid_format":
      return { key: issue.format === "email" ? "validation.email" : issue.format === "date" ? "validation.date" : "validation.invalid" };
    case "invalid_value":
      // Nothing chosen in a select ("") is a missing answer, not a wrong one.
      return { key: issue.input === undefined || issue.input === null || issue.input === "" ? "validation.required" : "validation.choice" };
    case "custom":
      return issue.message?.includes(".") ? { key: issue.message, values: issue.params as Msg["values"] } : { key: "validation.invalid" };
    default:
      return { key: "validation.invalid" };
  }
}

/** Prisma's unique-constraint error (P2002), e.g. a code taken by a concurrent create. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Any failure as the AppError the caller sees: expected ones as they are, a unique violation that got past a
 * lib/ check (two writers at once) as 409, and anything else as 500 without details.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return invalid(zodFields(error));
  if (isUniqueViolation(error)) return conflict({ key: "errors.duplicate" });
  return new AppError("INTERNAL", { key: "errors.internal" });
}

/** Validates input with a zod schema, throwing a field-level VALIDATION error. */
export function parseInput<T>(
  schema: { safeParse(v: unknown, params?: { reportInput?: boolean }): { success: true; data: T } | { success: false; error: ZodError } },
  input: unknown,
): T {
  // reportInput: zod 4 leaves the input out of issues by default, and issueMsg needs it to tell "required" from "invalid".
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw invalid(zodFields(result.error));
  return result.data;
}
