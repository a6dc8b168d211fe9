// The OpenAPI 3.1 document of the JSON API, served at GET /api/v1/openapi.json. One entry per route file and method
// under app/api/v1 (tests/openapi.test.ts fails when a route is missing here, documented here but gone, or takes
// another policy action than the one written here). Request bodies and query parameters come from the zod input
// schemas (./json-schema.ts); who may call each operation (x-roles, x-station-scope) comes from the POLICY table.
// The document holds no data: it is public.
import { POLICY, type Action } from "../../auth/policy";
import { MAX_JSON_BYTES } from "../limits";
import { auditQuerySchema } from "../../audit-log";
import { formatSchema } from "../../import/export";
import { MAX_IMPORT_BYTES } from "../../import/read";
import { drilldownQuerySchema } from "../../progress/drilldown";
import { progressQuerySchema } from "../../progress/period";
import { reportQuerySchema } from "../../reports";
import { reportFormatSchema } from "../../reports/files";
import { MAX_IMAGE_BYTES } from "../../uploads";
import {
  assessmentQuerySchema, createHouseholdSchema, householdQuerySchema, householdSearchSchema, PAGE_SIZES, statusChangeSchema, updateHouseholdSchema,
} from "../../validation/households";
import { incomeQuerySchema, LEDGER_PAGE_SIZES, newIncomeEntrySchema, reversalSchema } from "../../validation/income";
import { MAX_ENTRY_FEN, MAX_FEN, MAX_ID } from "../../validation/primitives";
import { createProductSchema, productQuerySchema, updateProductSchema } from "../../validation/products";
import { saleInputSchema, salesQuerySchema } from "../../validation/sales";
import { createStationSchema, stationQuerySchema, updateStationSchema } from "../../validation/stations";
import { trainingInputSchema, trainingsQuerySchema } from "../../validation/trainings";
import { changeOwnPasswordSchema, createUserSchema, resetPasswordSchema, updateUserSchema, userQuerySchema } from "../../validation/users";
import { caseChangeSchema, caseQuerySchema, hardshipSchema, openCaseSchema, summaryQuerySchema, warningQuerySchema } from "../../validation/monitoring";
import { inputSchema, queryParameters, type JsonSchema, type Parameter } from "./json-schema";
import { OVERVIEW_PARAMETERS, OVERVIEW_SCHEMA, PROGRESS_PARAMETERS, PROGRESS_SCHEMA, REPORT_DESCRIPTION, REPORT_PARAMETERS } from "./progress";

// ---- building blocks ----------------------------------------------------------------------------------------------

const int: JsonSchema = { type: "integer" };
const str: JsonSchema = { type: "string" };
const object = (description: string, properties?: Record<string, JsonSchema>): JsonSchema => ({ type: "object", description, ...(properties ? { properties } : {}) });
const json = (schema: JsonSchema) => ({ "application/json": { schema } });
const fen = (max: number, description = "integer fen (1 yuan = 100 fen)"): JsonSchema => ({ type: "integer", minimum: 1, maximum: max, description });
const mb = (bytes: number) => `${bytes / 1024 / 1024} MB`;
/** The JSON body limit apiRoute enforces (lib/api/limits.ts). */
export const MAX_JSON_BODY_BYTES = MAX_JSON_BYTES;

const idParameter = (description: string): Parameter => ({
  name: "id", in: "path", required: true, description, schema: { type: "integer", minimum: 1, maximum: MAX_ID, format: "int32" },
});

/** The one list envelope (listEnvelope in lib/api/respond.ts): items, total, page, pageSize, an old alias, extras. */
function envelope(item: JsonSchema, opts: { legacyKey?: string; extra?: Record<string, JsonSchema> } = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    items: { type: "array", items: item },
    total: { ...int, description: "matching records (all pages)" },
    page: { ...int, minimum: 1 },
    pageSize: { ...int, minimum: 1, description: "records per page (a list without paging: the number of items)" },
    ...opts.extra,
  };
  if (opts.legacyKey) {
    properties[opts.legacyKey] = { type: "array", items: item, deprecated: true, description: "the same array as `items`, under the list's name before the envelope; kept for one release" };
  }
  return { type: "object", required: ["items", "total", "page", "pageSize", ...Object.keys(opts.extra ?? {})], properties, "x-list-envelope": true };
}

const FILE_TYPES = {
  "text/csv": { schema: { type: "string", contentMediaType: "text/csv" } },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    schema: { type: "string", contentMediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  },
};
const fileResponse = (description: string) => ({
  description: `${description} (Content-Disposition: attachment)`,
  content: FILE_TYPES,
});

const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: ["VALIDATION", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "METHOD_NOT_ALLOWED", "CONFLICT", "TOO_LARGE", "RATE_LIMITED", "INTERNAL"] },
        message: { type: "string", description: "in the caller's language (the user's locale, else Accept-Language)" },
        fields: { type: "object", additionalProperties: { type: "string" }, description: "VALIDATION: a message per field (nested fields as suppliers.0.payoutFen)" },
        details: { description: "CONFLICT on a stale version: {current} with the record as it is now; an import refused as a whole: {problems}" },
      },
    },
  },
};
const ERRORS = {
  400: "VALIDATION: bad input (fields say which); also a malformed JSON body, broken UTF-8, NUL in text, a path id that is not an int4",
  401: "UNAUTHORIZED: no credentials, a bad or revoked token, a malformed Authorization header",
  403: "FORBIDDEN: the role may not take this action, an OPERATOR asked about another station, or a cookie-authenticated write from another origin",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT: a stale version (error.details.current holds the record now), a double reversal, or an Idempotency-Key already used for a different request",
  413: "TOO_LARGE: the body is over its limit",
  500: "INTERNAL: an unexpected failure (logged on the server)",
} as const;
type ErrorStatus = keyof typeof ERRORS;
const errorRef = (status: ErrorStatus) => ({ $ref: `#/components/responses/Error${status}` });

// ---- operations -----------------------------------------------------------------------------------------------------

type OperationSpec = {
  summary: string;
  description?: string;
  parameters?: Parameter[];
  body?: { schema: JsonSchema; description?: string } | { multipart: JsonSchema; raw?: boolean; description?: string };
  /** The success status and its answer (200 unless said). */
  status?: 200 | 201;
  response: { description: string; schema?: JsonSchema; content?: Record<string, unknown> };
  /** Errors besides those every authenticated operation can answer (401, 403, 500, and 400 when it takes input). */
  errors?: ErrorStatus[];
  /** Takes an Idempotency-Key header (lib/idempotency.ts): a repeat answers the first result without writing again. */
  idempotent?: boolean;
};

/** The Idempotency-Key header of the writes an offline device may send twice (lib/idempotency.ts). */
export const IDEMPOTENCY_KEY_PARAMETER: Parameter = {
  name: "Idempotency-Key", in: "header", required: false,
  description:
    "A key the client makes for this one write (a UUID): 8–128 letters, digits or - _ . :. Stored with the write in the same transaction, per user, in the database. Sending the same request again with the same key (a retry after a dropped connection, a second sync) writes nothing and answers the first result with the same status and the header Idempotent-Replayed: true; two at once still write once. The same key with a different body or path is a 409. A refused request (4xx) stores nothing, so it may be corrected and sent again with its key.",
  schema: { type: "string", minLength: 8, maxLength: 128, pattern: "^[A-Za-z0-9_.:-]{8,128}$" },
};

/** An authenticated /api/v1 operation taking `action`: who may call it comes from POLICY, never from this file. */
function op(action: Action, spec: OperationSpec) {
  const rule = POLICY[action] as { roles: readonly string[]; station?: "own" };
  const takesInput = Boolean(spec.body || spec.parameters?.length);
  const statuses = new Set<ErrorStatus>([401, 403, 500, ...(takesInput ? [400 as const] : []), ...(spec.errors ?? []), ...(spec.idempotent ? [409 as const] : [])]);
  if (spec.parameters?.some((p) => p.in === "path" && p.name === "id")) statuses.add(400).add(404);
  if (spec.body) statuses.add(413);
  const responses: Record<string, unknown> = {};
  const ok = spec.response;
  responses[spec.status ?? 200] = { description: ok.description, ...(ok.content ? { content: ok.content } : ok.schema ? { content: json(ok.schema) } : {}) };
  for (const status of [...statuses].sort()) responses[status] = errorRef(status);
  const operation: Record<string, unknown> = { summary: spec.summary };
  if (spec.description) operation.description = spec.description;
  const parameters = [...(spec.parameters ?? []), ...(spec.idempotent ? [IDEMPOTENCY_KEY_PARAMETER] : [])];
  if (parameters.length) operation.parameters = parameters;
  if (spec.body) {
    if ("schema" in spec.body) operation.requestBody = { required: true, description: spec.body.description, content: json(spec.body.schema) };
    else {
      const content: Record<string, unknown> = { "multipart/form-data": { schema: spec.body.multipart } };
      if (spec.body.raw) content["application/octet-stream"] = { schema: { type: "string", contentMediaType: "application/octet-stream" } };
      operation.requestBody = { required: true, description: spec.body.description, content };
    }
  }
  operation.responses = responses;
  operation["x-policy-action"] = action;
  operation["x-roles"] = [...rule.roles];
  if (rule.station === "own") operation["x-station-scope"] = "own";
  return operation;
}

/** A public operation (no credentials, no policy action). */
function publicOp(summary: string, description: string, response: { description: string; schema?: JsonSchema }, extra: Record<string, unknown> = {}) {
  return {
    summary, description, security: [], "x-public": true,
    responses: { 200: { description: response.description, ...(response.schema ? { content: json(response.schema) } : {}) }, ...extra },
  };
}

// ---- shared request parts -----------------------------------------------------------------------------------------

const pageSizeOf = (sizes: readonly number[], fallback: number): JsonSchema => ({ type: "integer", enum: [...sizes], default: fallback });
const householdFilters = queryParameters(householdQuerySchema, {
  schemas: { pageSize: pageSizeOf(PAGE_SIZES, 20) },
  descriptions: { q: "code prefix or part of the head's name", cause: "a poverty cause the household has" },
});
const incomeFilters = queryParameters(incomeQuerySchema, {
  schemas: { pageSize: pageSizeOf(LEDGER_PAGE_SIZES, 50) },
  descriptions: { q: "household code prefix or part of the head's name", from: "entries dated on or after", to: "entries dated on or before" },
});
const notPaging = (p: Parameter) => !["page", "pageSize"].includes(p.name);
const fileFormat = queryParameters(formatSchema, { descriptions: { format: "csv (UTF-8 with BOM, default) or xlsx" } });
const commitParameter: Parameter = {
  name: "commit", in: "query", required: false, schema: { type: "string", enum: ["1"] },
  description: "1: write every row in one transaction (or none); without it the file is only checked and the report answered",
};
const importBody = {
  multipart: { type: "object", required: ["file"], properties: { file: { type: "string", contentMediaType: "application/octet-stream", description: "the CSV or XLSX file" } } },
  raw: true,
  description: `A CSV (UTF-8 with or without BOM, UTF-16, GBK) or XLSX file, at most ${mb(MAX_IMPORT_BYTES)}: multipart field "file", or the raw body. Chinese or English headers (see the template).`,
};
const importReport: JsonSchema = object("the per-row report", {
  kind: { type: "string", enum: ["households", "income"] }, format: { type: "string", enum: ["csv", "xlsx"] }, encoding: str,
  total: { ...int, description: "data rows in the file" }, toCreate: { ...int, description: "rows that would be (or were) written" },
  unchanged: { ...int, description: "rows already in the database (same household code / entry reference): skipped" },
  errorCount: int, errors: { type: "array", items: object("a row error", { row: int, column: str, message: str }), description: "the first ones (errorCount says how many)" },
  committed: { type: "boolean" },
});
const reversalBody = { schema: inputSchema(reversalSchema, { description: "why the original was wrong" }) };
const versionNote = "Send the `version` last read; a stale version is refused with 409 and the current record in error.details.current.";

// Items are described by their main fields; the figures of overview and progress in full (./progress.ts).
const HOUSEHOLD = object("a household as listed: id, code, headName, size, type, status, causes, village, station, version; ID number and phone masked");
const INCOME_ENTRY = object("a ledger entry: id, date, category, source, amountFen (negative for a reversal), note, household, reversesId / reversedBy, recordedBy");
const STATION = object("a station: id, code, name, level, status, township, village, operatorName, phone, openedOn, services, covered villages, version, activity");
const PRODUCT = object("a product: id, code, name, nameEn, category, unit, priceFen, station, active, photo URL, listings, suppliers, version");
const SALE = object("a sale: id, date, product, station, channel, quantity, amountFen, note, suppliers with payoutFen, reversed or not");
const TRAINING = object("a training session: id, date, station, topic, attendeeCount, households");
const USER = object("a user", { id: int, email: str, name: str, role: { type: "string", enum: ["ADMIN", "STAFF", "OPERATOR", "VIEWER"] }, stationId: { type: ["integer", "null"] }, locale: str, active: { type: "boolean" }, createdAt: { type: "string", format: "date-time" }, station: { type: ["object", "null"] } });
const AUDIT_ROW = object("an audit row", { id: int, at: { type: "string", format: "date-time" }, userId: { type: ["integer", "null"] }, actor: str, action: str, entity: str, entityId: { type: ["string", "null"] }, before: {}, after: {} });
const HARDSHIP = object("a hardship report", { id: int, householdId: int, type: { type: "string", enum: ["ILLNESS", "DISABILITY", "DISASTER", "ACCIDENT", "OTHER"] }, date: { type: "string", format: "date" }, amountFen: { type: ["integer", "null"] }, note: { type: ["string", "null"] }, createdAt: { type: "string", format: "date-time" } });
const CASE = object("a monitoring case: id, household, type, riskTypes, status (IDENTIFYING | MONITORED | ELIMINATED | CLOSED), openedOn, warningRule/warningYear, openingIncomeFen and openingSize (the 12 months before opening), identifiedOn, eliminatedOn, eliminationIncomeFen, closedOn, closedReason, steps [{phase, step, date, actor}], measures [{kind, date, station, actor}]");
const WARNINGS = object("the warning list: year, asOf (the assessment day: 31 December, or today in the running year), level, parent, years, rows (code, name, households, withoutCase, one count per rule), totals, households (id, code, headName, size, village, township, station, incomeFen, perCapitaFen, warnings [{rule, figures}], case), items, total, page, pageSize");
const SUMMARY = object("the consolidation summary: year, asOf, monitored {byType [{type, households, people}], households, people}, newlyIdentified, eliminated, stillAtRisk {households, people}, warnedHouseholds, warningsWithoutCase (the target is 0), ecommerce {cases, withEcommerce, sharePct, avgPerCapitaChangeFen}");
const FEN_TOTAL = { ...int, description: "net total of the matching entries (integer fen; reversals included, so a reversed pair nets to 0)" };

const ID_NUMBER: JsonSchema = { type: "string", pattern: "^\\d{17}[\\dXx]$", description: "resident ID number (17 digits and a digit or X), stored upper-case" };

const incomeEntryBody = inputSchema(newIncomeEntrySchema, {
  properties: {
    householdId: null, // the household in the path
    amountFen: fen(MAX_ENTRY_FEN, "integer fen, more than 0; or send `amount`"),
    amount: { type: ["string", "number"], description: "alternative to amountFen: yuan with at most two decimals (\"12.50\")" },
  },
  description: "One of amountFen or amount is required. Not before 1 January of the household's registered year.",
});

// ---- the document -------------------------------------------------------------------------------------------------

const paths = {
  "/api/health": {
    get: publicOp("Liveness and the database kind", "No credentials; answers 503 {status: \"error\"} when the database does not answer.",
      { description: "up", schema: object("health", { status: { type: "string", enum: ["ok"] }, database: { type: "string", enum: ["pglite", "postgresql"] } }) },
      { 503: { description: "the database does not answer", content: json(object("health", { status: { type: "string", enum: ["error"] } })) } }),
  },
  "/api/v1/openapi.json": {
    get: publicOp("This document", "The OpenAPI description of every /api/v1 endpoint; public (it holds no data).", { description: "the OpenAPI 3.1 document", schema: { type: "object" } }),
  },
  "/api/files/products/{name}": {
    get: op("photos.read", {
      summary: "A product photo",
      description: "The file behind a product's photo URL, to signed-in users only. Names are random and never reused, so it may be cached.",
      parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" }, description: "the file name from the product's photo URL" }],
      response: { description: "the image", content: { "image/jpeg": {}, "image/png": {}, "image/webp": {} } },
      errors: [404],
    }),
  },
  "/api/v1/me": {
    get: op("me.read", {
      summary: "The caller",
      response: { description: "who is calling", schema: object("the caller", { id: int, email: str, name: str, role: str, station: { type: ["object", "null"], properties: { id: int, code: str, name: str } }, locale: { type: "string", enum: ["zh-CN", "en"] } }) },
    }),
  },
  "/api/v1/me/password": {
    post: op("me.update", {
      summary: "Change the caller's own password",
      description: "The current password, a new one of 10+ characters that differs, typed twice. Ends the caller's browser sessions (API tokens stay).",
      body: { schema: inputSchema(changeOwnPasswordSchema) },
      response: { description: "changed", schema: object("done", { ok: { type: "boolean" } }) },
    }),
  },
  "/api/v1/users": {
    get: op("users.manage", {
      summary: "Find users", description: "Search by email or name, filter by role and state; 50 a page.",
      parameters: queryParameters(userQuerySchema), response: { description: "a page of users", schema: envelope(USER, { legacyKey: "users" }) },
    }),
    post: op("users.manage", {
      summary: "Create a user", body: { schema: inputSchema(createUserSchema, { description: "An OPERATOR needs a stationId; other roles none." }) },
      status: 201, response: { description: "the user (without the password)", schema: USER },
    }),
  },
  "/api/v1/users/{id}": {
    get: op("users.manage", { summary: "One user", parameters: [idParameter("user id")], response: { description: "the user", schema: USER }, errors: [404] }),
    patch: op("users.manage", {
      summary: "Change a user's role, station or active flag",
      description: "Fields left out keep their value. A change ends that user's sessions. Not your own role or active flag (409).",
      parameters: [idParameter("user id")], body: { schema: inputSchema(updateUserSchema) }, response: { description: "the user", schema: USER }, errors: [404, 409],
    }),
  },
  "/api/v1/users/{id}/password": {
    post: op("users.manage", {
      summary: "Reset another user's password",
      description: "The password given, or (without one) a generated 16-character password returned once. Ends that user's sessions.",
      parameters: [idParameter("user id")], body: { schema: inputSchema(resetPasswordSchema) },
      response: { description: "done; `password` only when generated", schema: object("reset", { generated: { type: "boolean" }, password: str }) }, errors: [404, 409],
    }),
  },
  "/api/v1/audit-log": {
    get: op("audit.read", {
      summary: "The audit log, newest first",
      parameters: queryParameters(auditQuerySchema, { descriptions: { entity: "entity name, exactly (Household, IncomeEntry, …)", actor: "part of the actor's email" } }),
      response: { description: "50 rows a page", schema: envelope(AUDIT_ROW, { legacyKey: "rows" }) },
    }),
  },
  "/api/v1/coverage": {
    get: op("coverage.read", {
      summary: "Poor-village coverage by ACTIVE stations, and the per-township overview",
      response: { description: "coverage", schema: object("percent, counts, the uncovered villages, and townships (per-township station and coverage figures)") },
    }),
  },
  "/api/v1/households": {
    get: op("households.read", {
      summary: "List registered households", description: "The registry page's filters; an OPERATOR sees only their station's households.",
      parameters: householdFilters, response: { description: "a page of households", schema: envelope(HOUSEHOLD, { legacyKey: "households" }) },
    }),
    post: op("households.create", {
      summary: "Register a household",
      body: { schema: inputSchema(createHouseholdSchema, { properties: { idNumber: ID_NUMBER }, description: "status defaults to POOR; EXITED or MONITORED need exitYear (not before registeredYear); years not in the future." }) },
      status: 201, response: { description: "the household", schema: HOUSEHOLD },
    }),
  },
  "/api/v1/households/search": {
    get: op("households.read", {
      summary: "Find households by code prefix or head's name (up to 10)",
      parameters: queryParameters(householdSearchSchema, { descriptions: { q: "a code prefix or part of the head's name" } }),
      response: { description: "at most 10 households", schema: envelope(HOUSEHOLD, { legacyKey: "households" }) },
    }),
  },
  "/api/v1/households/export": {
    get: op("households.export", {
      summary: "Export the filtered registry as CSV or XLSX", description: `Personal data masked; at most 100,000 rows.`,
      parameters: [...fileFormat, ...householdFilters.filter(notPaging)], response: fileResponse("the file"),
    }),
  },
  "/api/v1/households/import": {
    post: op("households.import", {
      summary: "Import households from CSV or XLSX (check, then commit)",
      description: "Idempotent on the household code: existing codes are skipped, never updated.",
      parameters: [commitParameter], body: importBody, response: { description: "the per-row report", schema: importReport }, errors: [409],
    }),
  },
  "/api/v1/households/import/template": {
    get: op("households.import", { summary: "The household import template", parameters: fileFormat, response: fileResponse("headers in the caller's language and one example row") }),
  },
  "/api/v1/households/{id}": {
    get: op("households.read", {
      summary: "One household", parameters: [idParameter("household id")],
      response: { description: "the household (full ID number and phone for ADMIN, STAFF and its own station's OPERATOR)", schema: HOUSEHOLD },
    }),
    patch: op("households.update", {
      summary: "Edit a household", description: `Any profile fields. code, status and exitYear are not editable here (status: POST …/status). ${versionNote}`,
      parameters: [idParameter("household id")], body: { schema: inputSchema(updateHouseholdSchema, { properties: { idNumber: ID_NUMBER } }) },
      response: { description: "the household", schema: HOUSEHOLD }, errors: [409],
    }),
  },
  "/api/v1/households/{id}/status": {
    post: op("households.changeStatus", {
      summary: "Change a household's status", description: "POOR → EXITED only when exit-eligible for the year; EXITED ↔ MONITORED. A reason is required.",
      parameters: [idParameter("household id")], body: { schema: inputSchema(statusChangeSchema) },
      response: { description: "the household", schema: HOUSEHOLD }, errors: [409],
    }),
  },
  "/api/v1/households/{id}/hardships": {
    get: op("monitoring.read", {
      summary: "A household's hardship reports, newest first", parameters: [idParameter("household id")],
      response: { description: "the reports", schema: envelope(HARDSHIP) },
    }),
    post: op("hardships.report", {
      summary: "Report a sudden severe hardship (突发严重困难)",
      description: "Staff, or the operator of the household's station. The household's warnings are recomputed in the same transaction.",
      parameters: [idParameter("household id")], body: { schema: inputSchema(hardshipSchema, { properties: { amountFen: fen(MAX_ENTRY_FEN, "the shock's cost if known, integer fen") } }) },
      status: 201, response: { description: "the report", schema: HARDSHIP }, idempotent: true,
    }),
  },
  "/api/v1/households/{id}/assessment": {
    get: op("households.read", {
      summary: "Exit assessment for a year",
      parameters: [idParameter("household id"), ...queryParameters(assessmentQuerySchema, { descriptions: { year: "the year assessed (not in the future)" } })],
      response: { description: "per-capita income, the year's line, each guarantee, eligible or not and why", schema: object("the assessment") },
    }),
  },
  "/api/v1/households/{id}/income": {
    get: op("income.read", {
      summary: "A household's ledger, newest first",
      parameters: [idParameter("household id"), ...incomeFilters.filter((p) => p.name !== "householdId")],
      response: { description: "a page of entries", schema: envelope(INCOME_ENTRY, { legacyKey: "entries", extra: { sumFen: FEN_TOTAL } }) },
    }),
    post: op("income.create", {
      summary: "Record an income entry for the household", parameters: [idParameter("household id")], body: { schema: incomeEntryBody },
      status: 201, response: { description: "the entry", schema: INCOME_ENTRY }, idempotent: true,
    }),
  },
  "/api/v1/income": {
    get: op("income.read", {
      summary: "The income ledger", parameters: incomeFilters,
      response: { description: "a page of entries, with the net total", schema: envelope(INCOME_ENTRY, { legacyKey: "entries", extra: { sumFen: FEN_TOTAL } }) },
    }),
  },
  "/api/v1/income/{id}": {
    get: op("income.read", {
      summary: "One ledger entry", description: "The ledger is append-only: no PATCH or DELETE (405); a mistake is corrected by a reversal.",
      parameters: [idParameter("entry id")], response: { description: "the entry", schema: INCOME_ENTRY },
    }),
  },
  "/api/v1/income/{id}/reversal": {
    post: op("income.reverse", {
      summary: "Reverse a ledger entry",
      description: "Appends the reversing entry (same date, negated amount). An entry is reversed once; a reversal cannot be reversed; an entry from a sale is reversed by reversing the sale.",
      parameters: [idParameter("entry id")], body: reversalBody, status: 201, response: { description: "the reversing entry", schema: INCOME_ENTRY }, errors: [409],
    }),
  },
  "/api/v1/income/export": {
    get: op("income.export", {
      summary: "Export the filtered ledger as CSV or XLSX", description: "At most 100,000 rows.",
      parameters: [...fileFormat, ...incomeFilters.filter(notPaging)], response: fileResponse("the file"),
    }),
  },
  "/api/v1/income/import": {
    post: op("income.import", {
      summary: "Import income entries from CSV or XLSX (check, then commit)",
      description: "Idempotent on the reference column (or a reference derived from the row's content and position).",
      parameters: [commitParameter], body: importBody, response: { description: "the per-row report", schema: importReport }, errors: [409],
    }),
  },
  "/api/v1/income/import/template": {
    get: op("income.import", { summary: "The income import template", parameters: fileFormat, response: fileResponse("headers in the caller's language and one example row") }),
  },
  "/api/v1/monitoring/warnings": {
    get: op("monitoring.read", {
      summary: "Relapse-prevention warnings of a monitoring year",
      description: "From the warnings summary (kept in every ledger, sale, registry and hardship write). level=county: per township; township (parent = township code): per village; village (parent = village code): its warned households with every rule that fired and its figures; station: per station; household: every warned household in scope, paged. An OPERATOR sees only their station's households.",
      parameters: queryParameters(warningQuerySchema, { descriptions: { year: "a monitoring year (one with a monitoring line); default the latest", station: "a station code", rule: "only households this rule fired for" } }),
      response: { description: "area rows (items = rows) or households (items = households) with the year, its assessment day and the levels' totals", schema: WARNINGS },
      errors: [404],
    }),
  },
  "/api/v1/monitoring/cases": {
    get: op("monitoring.read", {
      summary: "Monitoring cases, newest first", parameters: queryParameters(caseQuerySchema, { descriptions: { station: "a station code" } }),
      response: { description: "a page of cases", schema: envelope(CASE) },
    }),
    post: op("monitoring.manage", {
      summary: "Open a monitoring case", description: "From a warning (warningRule and warningYear of a warning the household has) or directly. One case at a time per household: 409 while one is being identified or monitored.",
      body: { schema: inputSchema(openCaseSchema) }, status: 201, response: { description: "the case", schema: CASE }, errors: [404, 409],
    }),
  },
  "/api/v1/monitoring/cases/{id}": {
    get: op("monitoring.read", {
      summary: "One case", parameters: [idParameter("case id")],
      response: { description: "the case with its steps, measures, and `current`: the 12 months' income as of today, the monitoring line and the reasons elimination would be refused", schema: CASE },
    }),
    patch: op("monitoring.manage", {
      summary: "Record a step or a measure, or close the case",
      description: "step: the next identification step (入户核实 → 村级民主评议 → 公示 → 乡镇审核 → 县级审批) while IDENTIFYING, or elimination step while MONITORED; the county approval needs ADMIN/STAFF (monitoring.decide). Every elimination step is refused (400, fields income / guarantees) unless the last 12 months' per-capita income is above the current year's monitoring line and every guarantee holds. measure: an assistance measure (ECOMMERCE names the station). close: ADMIN/STAFF close a case opened by mistake with a reason; cases are never deleted.",
      parameters: [idParameter("case id")], body: { schema: inputSchema(caseChangeSchema) }, response: { description: "the case", schema: CASE },
    }),
  },
  "/api/v1/monitoring/summary": {
    get: op("monitoring.read", {
      summary: "Consolidation summary of a monitoring year",
      parameters: queryParameters(summaryQuerySchema, { descriptions: { year: "default the latest monitoring year", station: "a station code", area: "a township or village code: that area's figures (the drill-down)" } }),
      response: { description: "monitored households and people by case type, newly identified, eliminated, still at risk, warned households and those without a case, cases with an e-commerce measure and their income change", schema: SUMMARY },
      errors: [404],
    }),
  },
  "/api/v1/overview": {
    get: op("progress.read", {
      summary: "Headline figures for a period and a year", description: "Periods are whole months.",
      parameters: queryParameters(progressQuerySchema, { descriptions: OVERVIEW_PARAMETERS, schemas: { from: { type: "string", pattern: "^\\d{4}-\\d{2}(-\\d{2})?$" }, to: { type: "string", pattern: "^\\d{4}-\\d{2}(-\\d{2})?$" } } }),
      response: { description: "figures", schema: OVERVIEW_SCHEMA },
    }),
  },
  "/api/v1/progress": {
    get: op("progress.read", {
      summary: "Drill-down rows: county → township → village → households",
      parameters: queryParameters(drilldownQuerySchema, { descriptions: PROGRESS_PARAMETERS }),
      response: { description: "rows", schema: PROGRESS_SCHEMA },
    }),
  },
  "/api/v1/reports": {
    get: op("reports.read", {
      summary: "Annual, monthly or any-period (whole months) report for the county or a station, as JSON, XLSX or CSV",
      parameters: [...queryParameters(reportQuerySchema, { descriptions: REPORT_PARAMETERS }), ...queryParameters(reportFormatSchema, { descriptions: REPORT_PARAMETERS })],
      response: { description: REPORT_DESCRIPTION, content: { "application/json": { schema: { type: "object" } }, ...FILE_TYPES } },
    }),
  },
  "/api/v1/products": {
    get: op("products.read", {
      summary: "The product catalog", parameters: queryParameters(productQuerySchema, { descriptions: { q: "part of the code or name", platform: "listed on this platform", stationId: "the sourcing station" } }),
      response: { description: "the products (not paged)", schema: envelope(PRODUCT) },
    }),
    post: op("products.manage", {
      summary: "Add a product", body: { schema: inputSchema(createProductSchema, { properties: { priceFen: fen(MAX_FEN) }, description: "At most one listing per platform." }) },
      status: 201, response: { description: "the product", schema: PRODUCT },
    }),
  },
  "/api/v1/products/{id}": {
    get: op("products.read", { summary: "One product", parameters: [idParameter("product id")], response: { description: "the product", schema: PRODUCT } }),
    patch: op("products.manage", {
      summary: "Edit a product",
      description: `Any subset of the fields; supplierHouseholdIds and listings, when given, replace the lists; add/removeSupplierHouseholdIds change the suppliers without resending them. ${versionNote}`,
      parameters: [idParameter("product id")], body: { schema: inputSchema(updateProductSchema, { properties: { priceFen: fen(MAX_FEN) } }) },
      response: { description: "the product", schema: PRODUCT }, errors: [409],
    }),
  },
  "/api/v1/products/{id}/photo": {
    post: op("products.manage", {
      summary: "Set a product's photo", parameters: [idParameter("product id")],
      body: {
        multipart: { type: "object", required: ["photo"], properties: { photo: { type: "string", contentMediaType: "image/*", description: `JPEG, PNG or WebP (recognised by its bytes), at most ${mb(MAX_IMAGE_BYTES)}` } } },
        description: "multipart/form-data with a `photo` file",
      },
      response: { description: "the product", schema: PRODUCT },
    }),
    delete: op("products.manage", { summary: "Remove a product's photo", parameters: [idParameter("product id")], response: { description: "the product", schema: PRODUCT } }),
  },
  "/api/v1/sales": {
    get: op("sales.read", {
      summary: "Sales, newest first, with totals",
      parameters: queryParameters(salesQuerySchema, { descriptions: { householdId: "sales this household supplied", state: "active (not reversed) or reversed" } }),
      response: {
        description: "a page of sales",
        schema: envelope(SALE, { extra: { totals: object("totals of the matching sales that are not reversed: by product, channel, station and month") } }),
      },
    }),
    post: op("sales.create", {
      summary: "Record a sale and its suppliers' payouts",
      description: "Each payout becomes an OPERATING / ECOMMERCE_SALE income entry in the same transaction. Payouts together may not exceed the amount; a household at most once. An OPERATOR may name only households their station serves; ADMIN/STAFF naming a household outside the station's villages get a SUPPLIER_OUTSIDE_COVERAGE warning.",
      body: {
        schema: inputSchema(saleInputSchema, {
          properties: {
            amountFen: fen(MAX_FEN),
            suppliers: { type: "array", maxItems: 100, items: { type: "object", required: ["householdId", "payoutFen"], properties: { householdId: { type: "integer", minimum: 1, maximum: MAX_ID }, payoutFen: fen(MAX_FEN) } } },
          },
        }),
      },
      status: 201,
      idempotent: true,
      response: {
        description: "the sale and any warnings",
        schema: object("the recorded sale", {
          sale: SALE,
          warnings: { type: "array", items: object("a warning", { code: { type: "string", enum: ["SUPPLIER_OUTSIDE_COVERAGE"] }, field: str, householdId: int, householdCode: str, villageName: str, message: str }) },
        }),
      },
    }),
  },
  "/api/v1/sales/{id}": {
    get: op("sales.read", {
      summary: "One sale", parameters: [idParameter("sale id")],
      response: { description: "the sale with its suppliers (village, inside the station's coverage or not) and the ledger entries it produced", schema: SALE },
    }),
  },
  "/api/v1/sales/{id}/reversal": {
    post: op("sales.reverse", {
      summary: "Reverse a sale", description: "Each payout gets a reversing ledger entry. A sale is reversed once.",
      parameters: [idParameter("sale id")], body: reversalBody, status: 201, response: { description: "the reversed sale", schema: SALE }, errors: [409],
    }),
  },
  "/api/v1/stations": {
    get: op("stations.read", {
      summary: "Stations with coverage and activity", description: "An OPERATOR gets their own station.",
      parameters: queryParameters(stationQuerySchema, { descriptions: { q: "part of the code or name", service: "offers this service" } }),
      response: { description: "a page of stations", schema: envelope(STATION) },
    }),
    post: op("stations.create", {
      summary: "Open a station", body: { schema: inputSchema(createStationSchema, { description: "A VILLAGE-level station needs villageId." }) },
      status: 201, response: { description: "the station", schema: STATION },
    }),
  },
  "/api/v1/stations/{id}": {
    get: op("stations.read", { summary: "One station and its activity", parameters: [idParameter("station id")], response: { description: "the station, with activity (households served, sales, income brought, trainings)", schema: STATION } }),
    patch: op("stations.update", {
      summary: "Edit, suspend, close or reopen a station",
      description: `Any subset of the fields. status SUSPENDED or CLOSED needs statusReason; ACTIVE reopens. An OPERATOR may change only operatorName and phone of their own station (the rest needs stations.manage: ${POLICY["stations.manage"].roles.join(", ")}). ${versionNote}`,
      parameters: [idParameter("station id")], body: { schema: inputSchema(updateStationSchema) },
      response: { description: "the station", schema: STATION }, errors: [409],
    }),
  },
  "/api/v1/trainings": {
    get: op("trainings.read", {
      summary: "Training sessions, newest first, with totals", parameters: queryParameters(trainingsQuerySchema),
      response: { description: "a page of sessions", schema: envelope(TRAINING, { extra: { totals: object("totals of the matching sessions (sessions, attendees, households)") } }) },
    }),
    post: op("trainings.create", {
      summary: "Record a training session",
      body: { schema: inputSchema(trainingInputSchema, { description: "attendeeCount counts everyone there: at least the number of householdIds." }) },
      status: 201, response: { description: "the session", schema: TRAINING }, idempotent: true,
    }),
  },
};

/** The catch-all app/api/v1/[...unknown]: not an endpoint, so not under `paths`, but the same policy check. */
const CATCH_ALL = {
  route: "/api/v1/[...unknown]",
  methods: ["get", "post", "patch", "put", "delete"],
  "x-policy-action": "me.read" satisfies Action,
  "x-roles": [...POLICY["me.read"].roles],
  description: "Any other path under /api/v1 answers the JSON error shape, never an HTML page: 401 without valid credentials, else 404. A method a documented path does not have answers 405.",
};

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "Rongshui e-commerce public service center API",
    version: "1",
    description: [
      "Everything under /api/v1 answers JSON. Authenticate with `Authorization: Bearer rs_…` (an API token an ADMIN creates; it acts as its user) or the session cookie of a signed-in browser. A write authenticated by the cookie must come from the app's own origin (Origin or Referer header); token callers are not checked.",
      "Who may call an operation: `x-roles` (from the policy table, lib/auth/policy.ts, under the action in `x-policy-action`); `x-station-scope: own` means an OPERATOR reaches only their own station's records, and asking about another station is a 403.",
      "Lists answer one envelope: {items, total, page, pageSize}, plus extra totals where stated (sumFen, totals) and, for one release, the list's old key (households, entries, rows, users) as an alias of items.",
      `Errors answer {"error": {"code", "message", "fields"?, "details"?}}. JSON bodies are at most ${mb(MAX_JSON_BODY_BYTES)}, valid UTF-8 without NUL. Money is integer fen, dates YYYY-MM-DD (Asia/Shanghai), ids are positive int4.`,
      CATCH_ALL.description,
    ].join("\n\n"),
  },
  servers: [{ url: "/" }],
  security: [{ bearerAuth: [] }, { cookieAuth: [] }],
  paths,
  components: {
    securitySchemes: {
      bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "rs_ followed by 43 base64url characters", description: "An API token (系统管理 → API 令牌)" },
      cookieAuth: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The browser session (__Secure-authjs.session-token over HTTPS); writes need a same-origin Origin header" },
    },
    schemas: { Error: ERROR_SCHEMA },
    responses: Object.fromEntries(
      Object.entries(ERRORS).map(([status, description]) => [`Error${status}`, { description, content: json({ $ref: "#/components/schemas/Error" }) }]),
    ),
  },
  "x-catch-all": CATCH_ALL,
};

export type OpenApiDocument = typeof OPENAPI_DOCUMENT;
