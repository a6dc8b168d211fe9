// The progress endpoints' answers in the OpenAPI document (GET /api/v1/openapi.json): the field names and their
// meaning. Money is integer fen, percentages are numbers in percent (2.04 = 2.04%), dates ISO YYYY-MM-DD.
const int = { type: "integer" } as const;
const num = { type: "number" } as const;
const str = { type: "string" } as const;
const nullable = (t: object) => ({ oneOf: [t, { type: "null" }] });
const obj = (properties: Record<string, unknown>, description?: string) => ({ type: "object", description, properties, required: Object.keys(properties) });
const fen = (description: string) => ({ type: "integer", description: `${description} (integer fen)` });
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

/** GET /api/v1/overview: the dashboard's headline figures. */
export const OVERVIEW_SCHEMA = obj({
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
});

/** GET /api/v1/progress: the drill-down rows. */
export const PROGRESS_SCHEMA = obj({
  year: int, level: str, thresholdPct: nullable(num), scopedToStation: { type: "boolean" },
  parent: nullable(obj({ level: str, code: str, name: str, nameEn: nullable(str) })),
  path: { type: "array", items: obj({ level: str, code: str, name: str, nameEn: nullable(str) }) },
  rows: { type: "array", items: areaRow, description: "county: one row; township/village: one per area; household: the village's own row" },
  households: { type: "array", items: householdRow, description: "level=household only" },
});

export const REPORT_DESCRIPTION =
  "the report: JSON with kind, label, period (from, to, fromMonth, toMonth, months), year, station, overview (as /api/v1/overview), monthly, products, channels, exits, scorecard (code, name, status, level, sales, salesFen, trainings, attendees, householdsTrained, householdsLinked, payoutFen, wageFen, incomeFen, monitoredHouseholds: households it serves under a monitoring case in the period, monitoredPaidFen: what its sales paid them), townships (county reports) and totals (the tables' total rows); or the file (XLSX: one sheet per table, each with a total row)";

/** What the query parameters of overview, progress and reports mean (their types come from the query schemas). */
export const OVERVIEW_PARAMETERS = {
  from: "first day of a month (YYYY-MM-DD) or YYYY-MM; default: 12 months up to the latest month with data",
  to: "last day of a month (YYYY-MM-DD) or YYYY-MM; at most 120 months after from",
  year: "year of the incidence and standing figures; default: the period's last year",
  station: "a station code: that station's figures beside the county's (an OPERATOR gets their own by default and may ask for no other)",
};
export const PROGRESS_PARAMETERS = {
  year: "the year (end-of-year figures); default: the latest year with data",
  level: "county, township, village or household",
  parent: "township code for level=village, village code for level=household (required for both; an OPERATOR: only a village their station covers or serves, and only their station's households)",
};
export const REPORT_PARAMETERS = {
  kind: "annual, monthly, or period (any run of whole months, e.g. from=2019-07&to=2020-06); default: period when from or to is given, else annual",
  year: "annual report: the year",
  month: "monthly report: YYYY-MM",
  from: "period report: the first month, YYYY-MM (or its first day, YYYY-MM-DD); required for kind=period",
  to: "period report: the last month, YYYY-MM (or its last day, YYYY-MM-DD); not before from, at most 120 months; required for kind=period",
  station: "a station code (an OPERATOR: their own); without it the county report",
  format: "json (default), or a download as xlsx or csv",
};
