// The request side of the OpenAPI document, derived from the zod input schemas in lib/validation (and the query schemas
// beside lib functions), so the document cannot drift from what the API accepts. z.toJSONSchema (io: "input") does most
// of it; the override below repairs what it cannot see through our primitives:
// - text(max) and emailSchema are a transform piped into z.string().min().max(): the input side alone has no lengths,
//   so the piped string's minLength/maxLength/format are copied back;
// - dates are preprocessed text: they become `format: date`;
// - `required` comes from zod's input optionality, which a preprocess hides (a date looked optional, a checkbox
//   defaulting to false looked required): a field is required exactly when the field schema refuses `undefined`;
// - zod's "safe integer" bounds (±2^53−1) are noise and dropped; refinements (code patterns, "not in the future",
//   cross-field rules) are not representable and are stated in hand-written patterns or descriptions instead.
import { z } from "zod";
import { calendarDateSchema, dateFilterSchema, pastDateSchema, phoneSchema } from "../../validation/primitives";
import { quantitySchema } from "../../validation/sales";
import { householdCodeSchema } from "../../validation/households";
import { stationCodeSchema } from "../../validation/stations";
import { productCodeSchema } from "../../validation/products";

export type JsonSchema = Record<string, unknown>;

const DATE: JsonSchema = { type: "string", format: "date", description: "YYYY-MM-DD (YYYY/M/D and YYYY年M月D日 are accepted too)" };

/** Hand-written schemas for primitives whose rules are refinements (not representable), by identity. */
const BY_IDENTITY = new Map<unknown, JsonSchema>([
  [pastDateSchema, { ...DATE, description: "YYYY-MM-DD, not in the future (Asia/Shanghai), from 2000-01-01" }],
  [calendarDateSchema, DATE],
  [dateFilterSchema, DATE],
  [quantitySchema, { type: ["number", "string"], description: "more than 0, at most 9 integer digits and 3 decimals (e.g. 12.5 or \"12.500\")" }],
  [householdCodeSchema, { type: "string", minLength: 1, maxLength: 30, pattern: "^[A-Za-z0-9-]+$" }],
  [stationCodeSchema, { type: "string", minLength: 1, maxLength: 20, pattern: "^[A-Za-z0-9-]+$", description: "stored upper-case" }],
  [productCodeSchema, { type: "string", minLength: 1, maxLength: 30, pattern: "^[A-Za-z0-9-]+$", description: "stored upper-case" }],
]);
const PHONE: JsonSchema = { type: "string", minLength: 5, maxLength: 20, pattern: "^\\+?[0-9\\-() ]{5,20}$" };

const SAFE = Number.MAX_SAFE_INTEGER;

type ZodInternals = { _zod: { def: { type: string; in?: z.ZodType; out?: z.ZodType; shape?: Record<string, z.ZodType> } } };

function override(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const js = ctx.jsonSchema;
  const known = BY_IDENTITY.get(ctx.zodSchema);
  if (known) {
    for (const key of Object.keys(js)) delete js[key];
    Object.assign(js, known);
    return;
  }
  if (ctx.zodSchema === phoneSchema) {
    for (const key of Object.keys(js)) delete js[key];
    Object.assign(js, { anyOf: [PHONE, { type: "null" }] });
    return;
  }
  const def = (ctx.zodSchema as ZodInternals)._zod.def;
  if (def.type === "pipe" && def.out?._zod.def.type === "string" && js.type === "string") {
    const piped = z.toJSONSchema(def.out, { io: "input" }) as JsonSchema;
    for (const key of ["minLength", "maxLength", "format"]) if (piped[key] !== undefined) js[key] = piped[key];
  }
  if (js.minimum === -SAFE) delete js.minimum;
  if (js.maximum === SAFE) delete js.maximum;
  if (def.type === "object" && def.shape) {
    const required = Object.entries(def.shape).filter(([, field]) => !field.safeParse(undefined).success).map(([key]) => key);
    if (required.length > 0) js.required = required;
    else delete js.required;
  }
}

export type SchemaPatch = {
  /** Replace (or add) these properties' schemas; `null` removes the property. */
  properties?: Record<string, JsonSchema | null>;
  /** The rules a JSON Schema cannot carry (cross-field checks, one of two alternatives). */
  description?: string;
};

/** The JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a zod schema accepts as input. */
export function inputSchema(schema: z.ZodType, patch: SchemaPatch = {}): JsonSchema {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", override }) as JsonSchema;
  delete json.$schema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  for (const [key, value] of Object.entries(patch.properties ?? {})) {
    if (value === null) {
      delete properties[key];
      if (Array.isArray(json.required)) json.required = (json.required as string[]).filter((k) => k !== key);
    } else properties[key] = value;
  }
  if (Array.isArray(json.required) && json.required.length === 0) delete json.required;
  if (patch.description) json.description = patch.description;
  return json;
}

export type Parameter = { name: string; in: "query" | "path" | "header"; required: boolean; description?: string; schema: JsonSchema };

/**
 * Query parameters from a query schema (every value arrives as text; the schema's types say how it is read).
 * `only` / `omit` pick fields; `descriptions` add the words a schema cannot carry.
 */
export function queryParameters(
  schema: z.ZodType,
  opts: { only?: readonly string[]; omit?: readonly string[]; descriptions?: Record<string, string>; schemas?: Record<string, JsonSchema> } = {},
): Parameter[] {
  const json = inputSchema(schema);
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>)
    .filter(([name]) => (!opts.only || opts.only.includes(name)) && !opts.omit?.includes(name))
    .map(([name, s]) => {
      const parameter: Parameter = { name, in: "query", required: required.has(name), schema: opts.schemas?.[name] ?? s };
      const description = opts.descriptions?.[name] ?? (s.description as string | undefined);
      if (description) parameter.description = description;
      return parameter;
    });
}
