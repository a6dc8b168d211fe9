// The demo's consolidation years, 2021–2025 (巩固拓展脱贫攻坚成果): the same stations keep selling for the same
// households, station jobs and trainings go on, every household's income goes on in the ledger, and relapse-prevention
// monitoring has something to find. Everything here is demo, drawn against the APPROXIMATE monitoring lines:
//   · a minority of exited households dips into the 1.5× band above the line (or below it) in some year, and most
//     recover the year after; those still unstable at the end of 2020 (status MONITORED) recover over 2021–2022;
//   · about 0.6% a year report a sudden severe hardship (Hardship rows), which also cuts their income that year;
//   · a few suppliers stop supplying their station in some month (no sale for 90 days, and their e-commerce falls);
//   · in 2025 the price of one product (香菇) falls by 55% from February at the stations of seven townships, so suppliers
//     who lived on it see their e-commerce income fall;
//   · 300 never-poor households entered for monitoring only (kind MONITORING, 边缘易致贫户, 示例户主…), a few of them
//     with a guarantee not held on their record (GUARANTEE_LOST warns in the current year only: no history is kept).
// The warning rules of lib/monitoring/rules.ts are then run here on the generated ledger, exactly as the warnings
// summary will run them after the load, and monitoring cases are opened for the warned households: identification in
// five ordered steps, assistance measures (e-commerce through a station among them), risk elimination only on dates
// where eliminationRefusals() allows it, a few closed as opened by mistake, the latest still open; a few warned
// households are deliberately left without a case (the dashboard's "without a case" figure).
// Draws come from their own generator (seeded from the demo seed), so the 2019–2020 rows do not change.
import type {
  CasePhase, CaseStatus, CaseStepKind, CaseType, HardshipType, IncomeCategory, IncomeSource, MeasureKind, RiskType, WarningRule,
} from "../../lib/generated/prisma/enums";
import { householdCode } from "../../lib/households/codes";
import { ECOMMERCE_SOURCES } from "../../lib/progress/rules";
import { DEFAULT_THRESHOLDS, eliminationRefusals, evaluateWarnings, monitoredIn, twelveMonthsTo, type DayIncome, type FiredWarning } from "../../lib/monitoring/rules";
import type {
  EntryDraft, HardshipRow, HouseholdRow, HouseholdStatusChangeRow, Member, MonitoringCaseRow, MonitoringCaseStepRow,
  MonitoringMeasureRow, ProductListingRow, ProductRow, SaleDraft, StationJob, StationRow, TownshipRow, TrainingSessionRow, VillageRow,
} from "./generate";
import { MONITORING_LINES } from "./reference";
import { Rng, addDays, daysIn, isoDate, monthIndex, monthOf, pad, splitIncome, yearOf } from "./util";

const COUNTY_ID = 1;
export const CONSOLIDATION_FIRST_YEAR = 2021;
export const CONSOLIDATION_LAST_YEAR = 2025;
/** The demo ledger's last day: nothing is dated after it. */
export const DEMO_DATA_END = "2025-12-31";
const YEARS = Array.from({ length: CONSOLIDATION_LAST_YEAR - CONSOLIDATION_FIRST_YEAR + 1 }, (_, i) => CONSOLIDATION_FIRST_YEAR + i);
const LINE_FEN = new Map(MONITORING_LINES.map((l) => [l.year, l.yuan * 100]));
const MONITORING_HOUSEHOLDS = 300;
/** The demo price fall of 2025: one product, the stations of a few townships, from March on. */
export const PRICE_FALL = { productCode: "RS-P01", townships: 7, from: "2025-02-01", factor: 0.45 } as const;
const DIP_CHANCE = 0.02; // an exited household's income falls into the band (or below the line) in a year
const HARDSHIP_CHANCE = 0.006;
const LEAVE_CHANCE = 0.02; // a supplier stops supplying in a year
const ECOM_SOURCES = new Set<string>(ECOMMERCE_SOURCES);
const CASE_STEPS: CaseStepKind[] = ["HOME_VISIT", "VILLAGE_REVIEW", "PUBLIC_NOTICE", "TOWNSHIP_REVIEW", "COUNTY_APPROVAL"];
const TOPICS = [
  "直播带货进阶", "短视频运营与账号定位", "防止返贫监测政策宣讲", "农产品品牌与包装设计", "电商客服与售后",
  "快递打包与冷链发货", "香菇种植与分级", "红茶采摘与初制", "社区团购与订单农业",
];
const HARDSHIP_NOTES: Record<HardshipType, string> = {
  ILLNESS: "示例：家庭成员突发重病住院，医疗支出大",
  DISABILITY: "示例：家庭主要劳动力因病致残",
  DISASTER: "示例：山洪冲毁房屋和田地",
  ACCIDENT: "示例：家庭成员务工途中发生意外受伤",
  OTHER: "示例：家庭遭遇其他突发变故",
};
const MEASURE_NOTES: Record<MeasureKind, string[]> = {
  ECOMMERCE: ["服务站代销该户农产品，纳入站点供货户", "服务站直播带货，优先收购该户产品", "服务站帮助开设网店，指导拍照上架"],
  EMPLOYMENT: ["推荐到县城企业务工", "组织参加技能培训并推荐就业"],
  PUBLIC_WELFARE_JOB: ["安排村级公益性岗位（护林员）", "安排村级保洁公益性岗位"],
  INDUSTRY: ["发放产业奖补，扩大香菇种植", "提供小额信贷发展养殖"],
  MEDICAL: ["落实医疗救助和大病保险报销"],
  EDUCATION: ["落实教育资助"],
  HOUSING: ["落实危房改造补助"],
  SOCIAL_SECURITY: ["纳入低保", "发放临时救助金"],
};
const CLOSE_REASONS = [
  "入户核实：该户已转为外出务工，收入稳定，无返贫风险，按误判关闭（示例）",
  "入户核实：预警系供货记录录入有误，家庭收入稳定，关闭（示例）",
];
const HARDSHIP_RISK: Record<HardshipType, RiskType> = { ILLNESS: "ILLNESS", DISABILITY: "DISABILITY", DISASTER: "DISASTER", ACCIDENT: "ACCIDENT", OTHER: "OTHER" };

export type TrainingDraft = { row: Omit<TrainingSessionRow, "id">; attendees: HouseholdRow[] };

export interface ConsolidationInput {
  rng: Rng;
  villages: VillageRow[];
  townships: TownshipRow[];
  stations: StationRow[];
  households: HouseholdRow[];
  householdsByVillage: Map<VillageRow, HouseholdRow[]>;
  servingStation: Map<VillageRow, StationRow>;
  householdStatusChanges: HouseholdStatusChangeRow[];
  products: ProductRow[];
  productListings: ProductListingRow[];
  stationProducts: Map<StationRow, ProductRow[]>;
  members: Map<StationRow, Member[]>;
  stationJobs: StationJob[];
  servedBy: Map<StationRow, HouseholdRow[]>;
  saleDrafts: SaleDraft[];
  entryDrafts: EntryDraft[];
  stationOf: (h: HouseholdRow, date: string) => number | null;
}

interface CaseDraft {
  household: HouseholdRow;
  type: CaseType;
  riskTypes: RiskType[];
  status: CaseStatus;
  openedOn: string;
  warningRule: WarningRule | null;
  warningYear: number | null;
  openingIncomeFen: number;
  identifiedOn: string | null;
  eliminatedOn: string | null;
  eliminationIncomeFen: number | null;
  closedOn: string | null;
  closedReason: string | null;
  note: string | null;
  steps: Array<{ phase: CasePhase; step: CaseStepKind; date: string; actor: string; note: string | null }>;
  measures: Array<{ kind: MeasureKind; date: string; stationId: number | null; actor: string; note: string | null }>;
}

const lineFen = (year: number) => {
  const fen = LINE_FEN.get(year);
  if (fen === undefined) throw new Error(`no monitoring line for ${year}`);
  return fen;
};
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
/** Never 29 February: the SQL checks compare a date with the same day a year earlier. */
const noLeapDay = (d: string) => (d.endsWith("-02-29") ? `${d.slice(0, 8)}28` : d);
const yearStart = (y: number) => `${y}-01-01`;
const yearEnd = (y: number) => `${y}-12-31`;

export function buildConsolidation(input: ConsolidationInput) {
  const { rng, villages, townships, stations, households, stationOf } = input;
  const stationById = new Map(stations.map((s) => [s.id, s]));
  const villageById = new Map(villages.map((v) => [v.id, v]));
  const townshipById = new Map(townships.map((t) => [t.id, t]));
  const townshipStation = new Map(stations.filter((s) => s.level === "TOWNSHIP").map((s) => [s.townshipId, s]));
  const activeStations = stations.filter((s) => s.status === "ACTIVE");

  // ── Households entered for monitoring only (never poor) ──────────────────────────────────────────────────────
  const registeredOn = new Map<number, string>();
  const newChanges: Omit<HouseholdStatusChangeRow, "id">[] = [];
  const weights = villages.map((v) => v.registeredPopulation);
  for (let k = 0; k < MONITORING_HOUSEHOLDS; k++) {
    const v = rng.weighted(villages, weights);
    const list = input.householdsByVillage.get(v)!;
    const id = households.length + 1;
    const registeredYear = rng.weighted(YEARS, [30, 25, 20, 15, 10]);
    const missing = rng.chance(0.1) ? rng.weighted(["housingSecure", "waterSecure"] as const, [2, 1]) : null;
    const h: HouseholdRow = {
      id, code: householdCode(v.code, list.length + 1), countyId: COUNTY_ID, villageId: v.id,
      stationId: input.servingStation.get(v)?.id ?? null, headName: `示例户主${pad(id, 5)}`,
      size: rng.weighted([1, 2, 3, 4, 5, 6], [8, 18, 24, 26, 16, 8]), type: rng.chance(0.15) ? "MINIMUM_INCOME" : "GENERAL",
      causes: [], status: "MONITORED", kind: "MONITORING", registeredYear, exitYear: null,
      foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: missing !== "housingSecure", waterSecure: missing !== "waterSecure",
    };
    households.push(h);
    list.push(h);
    const on = isoDate(registeredYear, rng.int(2, 10), rng.int(1, 28));
    registeredOn.set(id, on);
    newChanges.push({
      householdId: id, fromStatus: null, toStatus: "MONITORED", year: registeredYear,
      reason: "新增建档：边缘易致贫户，纳入防止返贫动态监测", changedAt: `${on}T08:00:00.000Z`,
    });
  }
  newChanges.sort((a, b) => (a.changedAt < b.changedAt ? -1 : a.changedAt > b.changedAt ? 1 : a.householdId - b.householdId));
  for (const c of newChanges) input.householdStatusChanges.push({ id: input.householdStatusChanges.length + 1, ...c });

  // ── Income plan: per-capita income as a multiple of the year's monitoring line ───────────────────────────────
  const yi = (y: number) => y - CONSOLIDATION_FIRST_YEAR;
  const plan = new Map<number, number[]>();
  const hardships: Array<Omit<HardshipRow, "id">> = [];
  for (const h of households) {
    const f = YEARS.map(() => 0);
    if (h.kind === "MONITORING") {
      // Marginal households: within the band when entered, most of them climbing out of it over the years.
      let level = rng.float(1.05, 1.6);
      for (let y = h.registeredYear; y <= CONSOLIDATION_LAST_YEAR; y++) {
        f[yi(y)] = level * rng.float(0.96, 1.04);
        level += rng.float(0.04, 0.22);
      }
    } else if (h.status === "POOR") {
      for (const y of YEARS) f[yi(y)] = rng.float(0.75, 1.25); // not in relapse monitoring (still in the exit process)
    } else {
      const base = rng.float(1.7, 2.7);
      for (const y of YEARS) f[yi(y)] = base * (1 + 0.03 * (y - 2023)) * rng.float(0.97, 1.03);
      if (h.status === "MONITORED") {
        // Unstable at the end of 2020: near or below the line in 2021, recovering over 2022 (a fifth a year later).
        f[0] = rng.float(0.9, 1.6);
        if (rng.chance(0.2)) {
          f[1] = rng.float(0.95, 1.45);
          f[2] = rng.float(1.3, 1.9);
        } else f[1] = rng.float(1.3, 1.9);
      }
      for (let y = h.status === "MONITORED" ? 2023 : CONSOLIDATION_FIRST_YEAR; y <= CONSOLIDATION_LAST_YEAR; y++) {
        if (!rng.chance(DIP_CHANCE)) continue;
        f[yi(y)] = rng.float(0.8, 1.45);
        if (y + 1 <= CONSOLIDATION_LAST_YEAR) {
          if (y + 2 <= CONSOLIDATION_LAST_YEAR && rng.chance(0.25)) {
            f[yi(y + 1)] = rng.float(0.95, 1.45);
            f[yi(y + 2)] = rng.float(1.3, 1.9);
          } else f[yi(y + 1)] = rng.float(1.3, 1.9);
        }
        y += 2;
      }
    }
    // A sudden severe hardship: reported on the day, and the year's income cut by a sixth to two fifths.
    for (let y = CONSOLIDATION_FIRST_YEAR; y <= CONSOLIDATION_LAST_YEAR; y++) {
      if (!monitoredIn(h, y) || !rng.chance(HARDSHIP_CHANCE)) continue;
      const type = rng.weighted<HardshipType>(["ILLNESS", "ACCIDENT", "DISASTER", "DISABILITY", "OTHER"], [45, 20, 20, 10, 5]);
      const from = h.kind === "MONITORING" && y === h.registeredYear ? Number(registeredOn.get(h.id)!.slice(5, 7)) : 1;
      const date = isoDate(y, rng.int(Math.min(from, 11), 11), rng.int(1, 28));
      hardships.push({
        countyId: COUNTY_ID, householdId: h.id, type, date, amountFen: rng.chance(0.8) ? rng.int(8, 80) * 100_000 : null, note: HARDSHIP_NOTES[type],
      });
      f[yi(y)] *= rng.float(0.6, 0.85);
      y += 1;
    }
    plan.set(h.id, f);
  }

  // ── Sales 2021–2025 ──────────────────────────────────────────────────────────────────────────────────────────
  // The same suppliers, larger orders (some households now live mostly on what the station sells for them), a few
  // of them stopping in some month; the 2025 price fall at the stations of a few townships.
  const scale = new Map<Member, number>();
  const leaveMonth = new Map<Member, number>();
  for (const list of input.members.values()) {
    for (const m of list) {
      scale.set(m, rng.chance(0.45) ? rng.float(2, 4) : rng.float(0.8, 1.3));
      let leave = Number.POSITIVE_INFINITY;
      for (const y of YEARS) {
        if (rng.chance(LEAVE_CHANCE)) {
          leave = monthIndex(y, rng.int(1, 12));
          break;
        }
      }
      leaveMonth.set(m, leave);
    }
  }
  const fallProduct = input.products.find((p) => p.code === PRICE_FALL.productCode)!;
  const fallTownships = new Set(
    rng.sample(townships.filter((t) => activeStations.some((s) => s.townshipId === t.id && input.stationProducts.get(s)!.includes(fallProduct))), PRICE_FALL.townships).map((t) => t.id),
  );
  // E-commerce income each household would have had without the price fall: the rest of its income is set around
  // it, so the fall lowers its income instead of being made up.
  const planned = new Map<string, number>();
  const addPlanned = (householdId: number, year: number, fen: number) => planned.set(`${householdId}:${year}`, (planned.get(`${householdId}:${year}`) ?? 0) + fen);
  const newSales: SaleDraft[] = [];
  const saleEntries = new Map<SaleDraft, EntryDraft[]>();
  const firstMonth = monthIndex(CONSOLIDATION_FIRST_YEAR, 1);
  const lastMonth = monthIndex(CONSOLIDATION_LAST_YEAR, 12);
  for (const s of activeStations) {
    const list = input.members.get(s) ?? [];
    for (let mi = firstMonth; mi <= lastMonth; mi++) {
      const y = yearOf(mi), m = monthOf(mi);
      const growth = 1 + 0.07 * (y - CONSOLIDATION_FIRST_YEAR);
      for (const p of input.stationProducts.get(s)!) {
        const joined = list.filter((x) => x.products.includes(p) && leaveMonth.get(x)! > mi && rng.chance(0.68));
        const participants = rng.shuffle(joined);
        for (let at = 0; at < participants.length;) {
          const group = participants.slice(at, (at += rng.int(1, 4)));
          const date = isoDate(y, m, rng.int(1, daysIn(y, m)));
          const channels = input.productListings.filter((l) => l.productId === p.id && l.status === "LISTED" && l.listedOn <= date);
          const wanted = group.map((x) => Math.round(rng.float(350, 600) * growth * scale.get(x)! * 100));
          const wantedSum = wanted.reduce((a, b) => a + b, 0);
          const share = rng.float(0.72, 0.86);
          const quantity = Math.max(1, Math.round(wantedSum / share / p.priceFen));
          const fullFen = quantity * p.priceFen;
          const fall = p === fallProduct && fallTownships.has(s.townshipId) && date >= PRICE_FALL.from;
          const amountFen = fall ? Math.round(fullFen * PRICE_FALL.factor) : fullFen;
          const payoutTotal = Math.floor(amountFen * share);
          const fullPayout = Math.floor(fullFen * share);
          const payouts = group.map((x, k) => ({ household: x.household, payoutFen: Math.floor((payoutTotal * wanted[k]) / wantedSum) }));
          group.forEach((x, k) => addPlanned(x.household.id, y, Math.floor((fullPayout * wanted[k]) / wantedSum)));
          const sale: SaleDraft = {
            row: { countyId: COUNTY_ID, productId: p.id, stationId: s.id, channel: rng.pick(channels).platform, date, quantity, amountFen, reversedAt: null, reversalReason: null },
            payouts,
          };
          newSales.push(sale);
          const entries = payouts.map((x) => ({
            sale,
            row: {
              countyId: COUNTY_ID, householdId: x.household.id, stationId: stationOf(x.household, date), date,
              category: "OPERATING" as const, source: "ECOMMERCE_SALE" as const, amountFen: x.payoutFen, reversalReason: null,
            },
          }));
          saleEntries.set(sale, entries);
          input.entryDrafts.push(...entries);
        }
      }
    }
  }
  // A few reversed sales, as in 2019–2020.
  const reasons = ["买家退货，订单取消", "录入错误：数量填错，重新录入"];
  for (const sale of rng.sample(newSales.filter((s) => Number(s.row.date.slice(5, 7)) < 12), 5)) {
    const on = addDays(sale.row.date, rng.int(2, 7));
    const reason = rng.pick(reasons);
    sale.row.reversedAt = `${on}T10:00:00.000Z`;
    sale.row.reversalReason = reason;
    for (const original of saleEntries.get(sale)!) {
      input.entryDrafts.push({ sale, reverses: original, row: { ...original.row, date: on, amountFen: -original.row.amountFen, reversalReason: reason } });
    }
  }
  input.saleDrafts.push(...newSales);

  // Station jobs go on, with a raise of 5% a year.
  for (const job of input.stationJobs) {
    for (let mi = firstMonth; mi <= lastMonth; mi++) {
      const y = yearOf(mi);
      const amountFen = Math.round((job.wageFen * (1 + 0.05 * (y - 2020))) / 100) * 100;
      input.entryDrafts.push({
        row: {
          countyId: COUNTY_ID, householdId: job.household.id, stationId: job.station.id, date: isoDate(y, monthOf(mi), 28),
          category: "WAGE", source: "STATION_JOB", amountFen, reversalReason: null,
        },
      });
      addPlanned(job.household.id, y, amountFen);
    }
  }

  // The rest of each household's income, around the plan (as in 2019–2020: e-commerce counts toward it).
  for (const h of households) {
    const f = plan.get(h.id)!;
    for (let y = Math.max(CONSOLIDATION_FIRST_YEAR, h.kind === "MONITORING" ? h.registeredYear : 0); y <= CONSOLIDATION_LAST_YEAR; y++) {
      const target = Math.ceil(f[yi(y)] * lineFen(y) * h.size);
      const other = Math.max(target - (planned.get(`${h.id}:${y}`) ?? 0), Math.ceil(target * 0.15));
      input.entryDrafts.push(...laterIncome(rng, h, y, other, stationOf));
    }
  }

  // ── The warning rules on the generated data (what the warnings summary computes after the load) ──────────────
  const dayMaps = new Map<number, Map<string, DayIncome>>();
  for (const e of input.entryDrafts) {
    let days = dayMaps.get(e.row.householdId);
    if (!days) dayMaps.set(e.row.householdId, (days = new Map()));
    const d = days.get(e.row.date) ?? { date: e.row.date, incomeFen: 0, ecomFen: 0 };
    d.incomeFen += e.row.amountFen;
    if (ECOM_SOURCES.has(e.row.source)) d.ecomFen += e.row.amountFen;
    days.set(e.row.date, d);
  }
  const incomeOf = new Map<number, DayIncome[]>();
  for (const [id, days] of dayMaps) incomeOf.set(id, [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1)));
  const saleDatesOf = new Map<number, string[]>();
  for (const s of input.saleDrafts) {
    if (s.row.reversedAt !== null) continue;
    for (const p of s.payouts) {
      const list = saleDatesOf.get(p.household.id);
      if (list) list.push(s.row.date);
      else saleDatesOf.set(p.household.id, [s.row.date]);
    }
  }
  const hardshipsOf = new Map<number, typeof hardships>();
  for (const x of hardships) hardshipsOf.set(x.householdId, [...(hardshipsOf.get(x.householdId) ?? []), x]);
  const warned = new Map<number, Array<{ household: HouseholdRow; warnings: FiredWarning[] }>>();
  for (const y of YEARS) {
    const list: Array<{ household: HouseholdRow; warnings: FiredWarning[] }> = [];
    for (const h of households) {
      if (!monitoredIn(h, y)) continue;
      const { warnings } = evaluateWarnings({
        household: h, year: y, asOf: yearEnd(y), lineFen: lineFen(y), thresholds: DEFAULT_THRESHOLDS, income: incomeOf.get(h.id) ?? [],
        saleDates: saleDatesOf.get(h.id) ?? [], hardships: hardshipsOf.get(h.id) ?? [], currentYear: false,
      });
      if (warnings.length > 0) list.push({ household: h, warnings });
    }
    warned.set(y, list);
  }

  // ── Monitoring cases ─────────────────────────────────────────────────────────────────────────────────────────
  const income12 = (h: HouseholdRow, end: string) => {
    const { from, to } = twelveMonthsTo(end);
    let sum = 0;
    for (const d of incomeOf.get(h.id) ?? []) if (d.date >= from && d.date <= to) sum += d.incomeFen;
    return sum;
  };
  const eliminable = (h: HouseholdRow, date: string) =>
    eliminationRefusals({ incomeFen: income12(h, date), size: h.size, lineFen: lineFen(Number(date.slice(0, 4))), guarantees: h }).length === 0;
  const stationFor = (h: HouseholdRow): StationRow => {
    const own = h.stationId === null ? undefined : stationById.get(h.stationId);
    return own && own.status === "ACTIVE" ? own : townshipStation.get(villageById.get(h.villageId)!.townshipId)!;
  };
  const cadre = (h: HouseholdRow) => `示例帮扶干部${pad(h.villageId, 3)}`;
  const stepActor = (h: HouseholdRow, step: CaseStepKind) => {
    const v = villageById.get(h.villageId)!;
    const t = townshipById.get(v.townshipId)!;
    switch (step) {
      case "HOME_VISIT": return cadre(h);
      case "VILLAGE_REVIEW": return `${v.name}村民代表会议`;
      case "PUBLIC_NOTICE": return `${v.name}村务公开栏`;
      case "TOWNSHIP_REVIEW": return `${t.name}乡村振兴办（示例）`;
      default: return "县防止返贫监测帮扶工作组（示例）";
    }
  };
  const stepNote = (phase: CasePhase, step: CaseStepKind): string | null =>
    step === "PUBLIC_NOTICE" ? "公示 5 天无异议" : step === "HOME_VISIT" ? (phase === "IDENTIFICATION" ? "入户核实家庭收入和“三保障”情况" : "入户核实收入已稳定") : null;

  const casesOf = new Map<number, CaseDraft[]>();
  const allCases: CaseDraft[] = [];
  const covered = (h: HouseholdRow, y: number) =>
    (casesOf.get(h.id) ?? []).some((c) => c.status !== "CLOSED" && c.openedOn <= yearEnd(y) && (c.eliminatedOn === null || c.eliminatedOn >= yearStart(y)));

  function openCase(h: HouseholdRow, o: {
    openedOn: string; type: CaseType; riskTypes: RiskType[]; warningRule: WarningRule | null; warningYear: number | null; note: string | null;
    measures: MeasureKind[]; close?: boolean;
  }): CaseDraft {
    const openedOn = noLeapDay(o.openedOn);
    const c: CaseDraft = {
      household: h, type: o.type, riskTypes: [...new Set(o.riskTypes)].slice(0, 5), status: "IDENTIFYING", openedOn, warningRule: o.warningRule,
      warningYear: o.warningYear, openingIncomeFen: income12(h, openedOn), identifiedOn: null, eliminatedOn: null, eliminationIncomeFen: null,
      closedOn: null, closedReason: null, note: o.note, steps: [], measures: [],
    };
    casesOf.set(h.id, [...(casesOf.get(h.id) ?? []), c]);
    allCases.push(c);
    // Identification: home visit, village review, five days' public notice, township review, county approval.
    const gaps = [[2, 7], [3, 10], [1, 2], [7, 12], [3, 10]];
    let date = openedOn;
    for (let i = 0; i < CASE_STEPS.length; i++) {
      date = noLeapDay(addDays(date, rng.int(gaps[i][0], gaps[i][1])));
      if (date > DEMO_DATA_END) return c;
      const step = CASE_STEPS[i];
      c.steps.push({ phase: "IDENTIFICATION", step, date, actor: stepActor(h, step), note: stepNote("IDENTIFICATION", step) });
      if (i === 0 && o.close) {
        const closedOn = noLeapDay(addDays(date, rng.int(2, 8)));
        if (closedOn > DEMO_DATA_END) return c;
        c.status = "CLOSED";
        c.closedOn = closedOn;
        c.closedReason = rng.pick(CLOSE_REASONS);
        return c;
      }
    }
    c.status = "MONITORED";
    c.identifiedOn = date;
    // Assistance measures in the weeks after identification.
    let lastMeasure = date;
    for (const kind of o.measures) {
      const on = noLeapDay(addDays(c.identifiedOn, rng.int(3, 45)));
      if (on > DEMO_DATA_END) continue;
      const station = kind === "ECOMMERCE" ? stationFor(h) : null;
      c.measures.push({ kind, date: on, stationId: station?.id ?? null, actor: station ? station.operatorName : cadre(h), note: rng.pick(MEASURE_NOTES[kind]) });
      lastMeasure = maxDate(lastMeasure, on);
    }
    c.measures.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    // Risk elimination: at least half a year after identification, on the first month-end try where every one of
    // the five elimination steps is allowed on its day (last 12 months above the line of its year, guarantees held).
    for (let end = noLeapDay(addDays(maxDate(addDays(c.identifiedOn, 180), addDays(lastMeasure, 40)), rng.int(0, 25))); end <= DEMO_DATA_END; end = noLeapDay(addDays(end, 30))) {
      const dates = [end];
      for (const [lo, hi] of [[3, 6], [7, 10], [1, 2], [3, 7]]) dates.unshift(noLeapDay(addDays(dates[0], -rng.int(lo, hi))));
      if (dates[0] <= lastMeasure || !dates.every((d) => eliminable(h, d))) continue;
      CASE_STEPS.forEach((step, i) => c.steps.push({ phase: "ELIMINATION", step, date: dates[i], actor: stepActor(h, step), note: stepNote("ELIMINATION", step) }));
      c.status = "ELIMINATED";
      c.eliminatedOn = end;
      c.eliminationIncomeFen = income12(h, end);
      break;
    }
    return c;
  }

  const incomeMeasures = (h: HouseholdRow, withEcommerce: number): MeasureKind[] => {
    const kinds: MeasureKind[] = [rng.pick(["EMPLOYMENT", "PUBLIC_WELFARE_JOB", "INDUSTRY"] as const)];
    if (rng.chance(withEcommerce)) kinds.push("ECOMMERCE");
    if (rng.chance(0.25)) kinds.push(rng.pick(["EMPLOYMENT", "INDUSTRY"] as const));
    return [...new Set(kinds)];
  };

  // Households still unstable at the end of 2020: their cases carry over into 2021 (a direct identification).
  for (const h of households) {
    if (h.kind !== "REGISTERED" || h.status !== "MONITORED") continue;
    openCase(h, {
      openedOn: isoDate(2021, rng.int(1, 3), rng.int(4, 28)), type: "UNSTABLE_EXITED",
      riskTypes: ["INCOME_DROP", ...(h.causes.includes("ILLNESS") ? (["ILLNESS"] as const) : [])], warningRule: null, warningYear: null,
      note: "2020 年底识别为脱贫不稳定户，转入常态化监测", measures: incomeMeasures(h, 0.5),
    });
  }
  // Households entered for monitoring: a case from the day they were entered.
  for (const h of households) {
    if (h.kind !== "MONITORING") continue;
    const risks: RiskType[] = ["INCOME_DROP"];
    const measures = incomeMeasures(h, 0.45);
    if (!h.housingSecure) {
      risks.push("HOUSING");
      measures.push("HOUSING");
    }
    if (!h.waterSecure) risks.push("WATER");
    openCase(h, {
      openedOn: addDays(registeredOn.get(h.id)!, rng.int(0, 10)), type: "MARGINAL", riskTypes: risks, warningRule: null, warningYear: null,
      note: "边缘易致贫户，村民小组申报纳入监测", measures,
    });
  }
  // Every year's warned households without a case covering the year get one, but for a few left without (missed).
  const PRIORITY: WarningRule[] = ["HARDSHIP", "LOW_INCOME", "ECOM_DROP", "NO_SALES", "GUARANTEE_LOST"];
  for (const y of YEARS) {
    const uncovered = warned.get(y)!.filter((w) => !covered(w.household, y));
    const missed = new Set(rng.sample(uncovered, y === CONSOLIDATION_LAST_YEAR ? 8 : 2));
    for (const w of uncovered) {
      if (missed.has(w)) continue;
      const { household: h, warnings } = w;
      const rules = new Set(warnings.map((w) => w.rule));
      const primary = PRIORITY.find((r) => rules.has(r))!;
      const figures = warnings.find((w) => w.rule === primary)!.figures;
      let openedOn =
        primary === "HARDSHIP" ? addDays(String(figures.latestOn), rng.int(3, 20))
        : primary === "NO_SALES" ? addDays(String(figures.lastSaleOn), rng.int(91, 110))
        : isoDate(y, rng.int(9, 12), rng.int(1, 20));
      openedOn = maxDate(minDate(openedOn, `${y}-12-28`), yearStart(y));
      const previous = (casesOf.get(h.id) ?? []).at(-1);
      if (previous?.closedOn) openedOn = maxDate(openedOn, addDays(previous.closedOn, 7));
      if (openedOn > yearEnd(y)) continue;
      const risks: RiskType[] = [];
      const measures: MeasureKind[] = [];
      if (rules.has("HARDSHIP")) {
        const types = (figures.types as HardshipType[] | undefined) ?? ["OTHER"];
        for (const t of types) risks.push(HARDSHIP_RISK[t]);
        measures.push(types.includes("DISASTER") ? "HOUSING" : "MEDICAL");
        if (rng.chance(0.5)) measures.push("SOCIAL_SECURITY");
        if (rng.chance(0.25)) measures.push("ECOMMERCE");
      }
      if (rules.has("LOW_INCOME")) {
        risks.push("INCOME_DROP");
        if (!rules.has("HARDSHIP")) measures.push(...incomeMeasures(h, 0.4));
      }
      if (rules.has("ECOM_DROP") || rules.has("NO_SALES")) {
        risks.push("ECOMMERCE_LOSS");
        measures.push("ECOMMERCE");
        if (rng.chance(0.3)) measures.push("EMPLOYMENT");
      }
      const onlySales = !rules.has("LOW_INCOME") && !rules.has("HARDSHIP");
      openCase(h, {
        openedOn, type: h.kind === "MONITORING" ? "MARGINAL" : rules.has("HARDSHIP") ? "SUDDEN_HARDSHIP" : "UNSTABLE_EXITED",
        riskTypes: risks, warningRule: primary, warningYear: y, note: null, measures: [...new Set(measures)],
        close: onlySales && rng.chance(0.08),
      });
    }
  }

  // ── Trainings 2021–2025 at every active station ──────────────────────────────────────────────────────────────
  const trainings: TrainingDraft[] = [];
  for (const s of activeStations) {
    for (const y of YEARS) {
      for (let k = rng.int(1, 3); k > 0; k--) {
        const attendees = rng.sample(input.servedBy.get(s) ?? [], rng.int(6, 18)).sort((a, b) => a.id - b.id);
        trainings.push({
          row: { countyId: COUNTY_ID, stationId: s.id, date: isoDate(y, rng.int(2, 12), rng.int(1, 28)), topic: rng.pick(TOPICS), attendeeCount: attendees.length + rng.int(0, 12) },
          attendees,
        });
      }
    }
  }
  trainings.sort((a, b) => (a.row.date < b.row.date ? -1 : a.row.date > b.row.date ? 1 : a.row.stationId - b.row.stationId));

  // ── Rows, numbered in time order ─────────────────────────────────────────────────────────────────────────────
  hardships.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.householdId - b.householdId));
  allCases.sort((a, b) => (a.openedOn < b.openedOn ? -1 : a.openedOn > b.openedOn ? 1 : a.household.id - b.household.id));
  const cases: MonitoringCaseRow[] = [];
  const steps: MonitoringCaseStepRow[] = [];
  const measures: MonitoringMeasureRow[] = [];
  allCases.forEach((c, i) => {
    const id = i + 1;
    cases.push({
      id, countyId: COUNTY_ID, householdId: c.household.id, type: c.type, riskTypes: c.riskTypes, status: c.status, openedOn: c.openedOn,
      warningRule: c.warningRule, warningYear: c.warningYear, openingIncomeFen: c.openingIncomeFen, openingSize: c.household.size,
      identifiedOn: c.identifiedOn, eliminatedOn: c.eliminatedOn, eliminationIncomeFen: c.eliminationIncomeFen, closedOn: c.closedOn,
      closedReason: c.closedReason, note: c.note,
    });
    for (const s of c.steps) steps.push({ id: steps.length + 1, caseId: id, ...s });
    for (const m of c.measures) measures.push({ id: measures.length + 1, caseId: id, ...m });
  });
  return { trainings, hardships: hardships.map((h, i) => ({ id: i + 1, ...h })), cases, steps, measures };
}

/**
 * A household's non-e-commerce income of a consolidation year in two or three entries (the 2019–2020 years have one
 * more on average): migrant pay, the autumn harvest, spring subsidies, sometimes a year-end dividend. Minimum-income
 * and extreme-support households live mostly on transfers.
 */
function laterIncome(rng: Rng, h: HouseholdRow, year: number, totalFen: number, stationOf: (h: HouseholdRow, date: string) => number | null): EntryDraft[] {
  const parts: Array<[IncomeCategory, IncomeSource, number, number, number]> = [];
  if (h.type === "GENERAL") {
    parts.push(["WAGE", "MIGRANT_WORK", h.size >= 2 ? 0.55 : 0.3, 1, 12], ["OPERATING", "FARMING", 0.3, 8, 11]);
    if (rng.chance(0.35)) parts.push(["TRANSFER", "SUBSIDY", 0.15, 3, 6]);
    if (rng.chance(0.1)) parts.push(["PROPERTY", "DIVIDEND", 0.06, 12, 12]);
  } else if (h.type === "MINIMUM_INCOME") {
    parts.push(["TRANSFER", "SUBSIDY", 0.45, 3, 6], ["OPERATING", "FARMING", 0.3, 8, 11]);
    if (h.size >= 3 && rng.chance(0.5)) parts.push(["WAGE", "MIGRANT_WORK", 0.3, 1, 12]);
  } else {
    parts.push(["TRANSFER", "SUBSIDY", 0.85, 3, 6]);
    if (rng.chance(0.4)) parts.push(["OPERATING", "FARMING", 0.15, 8, 11]);
  }
  return splitIncome(rng, parts, totalFen, year).map(({ category, source, amountFen, date }) => ({
    row: { countyId: COUNTY_ID, householdId: h.id, stationId: stationOf(h, date), date, category, source, amountFen, reversalReason: null },
  }));
}
