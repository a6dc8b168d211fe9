// OpenAPI 3.1 description of the progress endpoints (served at GET /api/v1/openapi.json): the field names and their
// meaning. Money is integer fen, percentages are numbers in percent (2.04 = 2.04%), dates ISO YYYY-MM-DD.
const int = { type: "integer" } as const;
const num = { type: "number" } as const;
const str = { type: "string" } as const;
const nullable = (t: object) => ({ oneOf: [t, { type: "null" }] });
const obj = (properties: Record<string, unknown>, description?: string) => ({ type: "object", description, properties, required: Object.keys(properties) });
const fen = (description: string) => ({ type: "number", description: `${description} (integer fen)` });
const people = obj({ households: int, people: int });
const beneficiaries = obj(
  {
    households: { ...int, description: "households with net e-commerce income (ECOMMERCE_SALE + STATION_JOB) > 0 in the period" },
    residents: { ...int, description: "sum of those households' sizes" },
    incomeFen: fen("their e-commerce income in the period"),
    averageGainFen: nullable(fen("incomeFen / households, rounded; null without beneficiaries")),
  },
);
const standing = obj({
  poor: { ...people, description: "registered by the year's end, no exit year up to it" },
  exited: { ...people, description: "exited by the year's end, status EXITED" },
  monitored: { ...people, description: "exited by the year's end, status MONITORED (watched for relapse)" },
});
const areaRow = obj({
  code: str, name: str, nameEn: nullable(str), villages: int, poorVillages: int,
  isPoorVillage: nullable({ type: "boolean", description: "village rows only" }),
  population: { ...int, description: "rural registered population (the incidence denominator)" },
  households: { ...int, description: "registered households (registered by the year)" },
  people: int, poorPeople: { ...int, description: "people in households not exited by the year's end" }, exitedPeople: int,
  incidencePct: nullable({ ...num, description: "poorPeople / population × 100; null when the population is 0" }),
  exitReady: nullable({ type: "boolean", description: "incidencePct strictly below the threshold; null without incidence" }),
  ecommerceIncomeFen: fen("e-commerce income in the year"),
});
const householdRow = obj({
  id: int, code: str, headName: str, size: int, status: { enum: ["POOR", "EXITED", "MONITORED"] }, registeredYear: int, exitYear: nullable(int),
  station: nullable(obj({ code: str, name: str })), incomeFen: fen("net income in the year, all sources"),
  perCapitaFen: fen("incomeFen / size, rounded down"), ecommerceIncomeFen: fen("e-commerce income in the year"),
  povertyLineFen: nullable(fen("the year's poverty line per person")),
  exitEligible: nullable({ type: "boolean", description: "per-capita income strictly above the line and all five guarantees; null without a line" }),
  guaranteesMet: { type: "boolean" },
});
const errorResponse = { description: "error", content: { "application/json": { schema: obj({ error: obj({ code: str, message: str, fields: { type: "object" } }) }) } } };
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const q = (name: string, description: string, schema: object = str) => ({ name, in: "query", required: false, description, schema });

export const PROGRESS_OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Rongshui e-commerce service center: poverty-exit progress",
    version: "1",
    description:
      "Authenticate with the session cookie or `Authorization: Bearer <token>`. Figures are computed by lib/progress, the same functions as the dashboard and the reports. Periods are whole months.",
  },
  components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  security: [{ bearer: [] }],
  paths: {
    "/api/v1/overview": {
      get: {
        summary: "Headline figures for a period and a year",
        parameters: [
          q("from", "first day of a month (YYYY-MM-DD) or YYYY-MM; default: 12 months up to the latest month with data"),
          q("to", "last day of a month (YYYY-MM-DD) or YYYY-MM"),
          q("year", "year of the incidence and standing figures; default: the period's last year", int),
          q("station", "a station code: that station's figures beside the county's (an OPERATOR gets their own by default and may ask for no other)"),
        ],
        responses: {
          200: {
            description: "figures",
            content: {
              "application/json": {
                schema: obj({
                  period: obj({ from: str, to: str, months: int }),
                  year: int,
                  stations: obj({ total: int, active: int }),
                  coverage: obj({ poorVillages: int, covered: { ...int, description: "poor villages covered by at least one ACTIVE station" }, percent: nullable(num) }),
                  beneficiaries,
                  households: standing,
                  incidence: obj({
                    year: int, population: int, notExitedPeople: int, percent: nullable(num),
                    thresholdPct: nullable({ ...num, description: "exit threshold of the county's region (western: 3)" }), exitReady: nullable({ type: "boolean" }),
                  }),
                  station: nullable(obj({ code: str, name: str, beneficiaries, households: standing })),
                }),
              },
            },
          },
          ...errors,
        },
      },
    },
    "/api/v1/progress": {
      get: {
        summary: "Drill-down rows: county → township → village → households",
        parameters: [
          q("year", "the year (end-of-year figures); default: the latest year with data", int),
          { name: "level", in: "query", required: false, schema: { enum: ["county", "township", "village", "household"], default: "county" } },
          q("parent", "township code for level=village, village code for level=household (an OPERATOR: only a village their station covers or serves, and only their station's households)"),
        ],
        responses: {
          200: {
            description: "rows",
            content: {
              "application/json": {
                schema: obj({
                  year: int, level: str, thresholdPct: nullable(num), scopedToStation: { type: "boolean" },
                  parent: nullable(obj({ level: str, code: str, name: str, nameEn: nullable(str) })),
                  path: { type: "array", items: obj({ level: str, code: str, name: str, nameEn: nullable(str) }) },
                  rows: { type: "array", items: areaRow, description: "county: one row; township/village: one per area; household: the village's own row" },
                  households: { type: "array", items: householdRow, description: "level=household only" },
                }),
              },
            },
          },
          ...errors,
        },
      },
    },
    "/api/v1/reports": {
      get: {
        summary: "Monthly or annual report for the county or a station, as JSON, XLSX or CSV",
        parameters: [
          { name: "kind", in: "query", required: false, schema: { enum: ["annual", "monthly"], default: "annual" } },
          q("year", "annual report: the year", int),
          q("month", "monthly report: YYYY-MM"),
          q("station", "a station code (an OPERATOR: their own); without it the county report"),
          { name: "format", in: "query", required: false, schema: { enum: ["json", "xlsx", "csv"], default: "json" } },
        ],
        responses: {
          200: {
            description: "the report: JSON with kind, label, period, year, station, overview (as /api/v1/overview), monthly, products, channels, exits, scorecard (code, name, status, level, sales, salesFen, trainings, attendees, householdsTrained, householdsLinked, payoutFen, wageFen, incomeFen) and townships (county reports); or the file",
          },
          ...errors,
        },
      },
    },
  },
} as const;
