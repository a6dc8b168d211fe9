// Builds the whole demo data set in memory from one fixed-seed PRNG: same seed, same rows, byte for byte. No
// Math.random and no clock, so tests can compare runs and the seeded figures are reproducible. Real facts come from
// ./reference; every person, phone and most village names are visibly demo (示例…).
import type {
  CasePhase,
  CaseStatus,
  CaseStepKind,
  CaseType,
  HardshipType,
  HouseholdKind,
  HouseholdStatus,
  HouseholdType,
  IncomeCategory,
  IncomeSource,
  ListingStatus,
  Platform,
  PovertyCause,
  ProductCategory,
  Region,
  StationLevel,
  StationService,
  StationStatus,
  MeasureKind,
  RiskType,
  WarningRule,
} from "../../lib/generated/prisma/enums";
import { buildConsolidation } from "./consolidation";
import { isExitEligible } from "../../lib/progress/rules";
import { householdCode } from "../../lib/households/codes";
import {
  COUNTY,
  EXIT_THRESHOLDS,
  POOR_VILLAGE_COUNT,
  POVERTY_LINES,
  PRODUCTS,
  REAL_VILLAGES,
  STATION_COUNT,
  TOWNSHIPS,
  VILLAGE_COUNT,
} from "./reference";
import { Rng, addDays, daysIn, isoDate, monthIndex, monthOf, monthOfDate, pad, splitIncome, yearOf } from "./util";

// Row shapes mirror the table columns (dates as YYYY-MM-DD, timestamps as ISO strings) so the loader can insert
// them as they are. Columns left out take their database default.
export interface CountyRow { id: number; code: string; name: string; nameEn: string; region: Region }
export interface TownshipRow { id: number; code: string; name: string; nameEn: string; countyId: number }
export interface VillageRow {
  id: number; code: string; name: string; countyId: number; townshipId: number; registeredPopulation: number;
  isPoor: boolean; hasBroadband: boolean; hasAsphaltRoad: boolean;
}
export interface StationRow {
  id: number; code: string; name: string; level: StationLevel; countyId: number; townshipId: number;
  villageId: number | null; operatorName: string; phone: string; openedOn: string; status: StationStatus;
  statusReason: string | null; services: StationService[];
}
export interface StationVillageRow { stationId: number; villageId: number }
export interface HouseholdRow {
  id: number; code: string; countyId: number; villageId: number; stationId: number | null; headName: string;
  size: number; type: HouseholdType; causes: PovertyCause[]; status: HouseholdStatus; kind: HouseholdKind; registeredYear: number;
  exitYear: number | null; foodClothingSecure: boolean; educationSecure: boolean; medicalSecure: boolean;
  housingSecure: boolean; waterSecure: boolean;
}
export interface HouseholdStatusChangeRow {
  id: number; householdId: number; fromStatus: HouseholdStatus | null; toStatus: HouseholdStatus; year: number;
  reason: string; changedAt: string;
}
export interface ProductRow {
  id: number; countyId: number; code: string; name: string; nameEn: string; category: ProductCategory; unit: string;
  priceFen: number; stationId: number | null;
}
export interface ProductListingRow { id: number; productId: number; platform: Platform; status: ListingStatus; url: string; listedOn: string }
export interface ProductSupplierRow { productId: number; householdId: number }
export interface SaleRow {
  id: number; countyId: number; productId: number; stationId: number; channel: Platform; date: string; quantity: number;
  amountFen: number; reversedAt: string | null; reversalReason: string | null;
}
export interface SaleSupplierRow { saleId: number; householdId: number; payoutFen: number }
export interface IncomeEntryRow {
  id: number; countyId: number; householdId: number; stationId: number | null; date: string; category: IncomeCategory;
  source: IncomeSource; amountFen: number; saleId: number | null; reversesId: number | null; reversalReason: string | null;
}
export interface TrainingSessionRow { id: number; countyId: number; stationId: number; date: string; topic: string; attendeeCount: number }
export interface TrainingAttendeeRow { trainingId: number; householdId: number }
export interface PovertyLineRow { year: number; fenPerPerson: number; verified: boolean; note: string }
export interface ExitThresholdRow { region: Region; incidenceBelowPct: number }
export interface HardshipRow { id: number; countyId: number; householdId: number; type: HardshipType; date: string; amountFen: number | null; note: string | null }
export interface MonitoringCaseRow {
  id: number; countyId: number; householdId: number; type: CaseType; riskTypes: RiskType[]; status: CaseStatus; openedOn: string;
  warningRule: WarningRule | null; warningYear: number | null; openingIncomeFen: number; openingSize: number; identifiedOn: string | null;
  eliminatedOn: string | null; eliminationIncomeFen: number | null; closedOn: string | null; closedReason: string | null; note: string | null;
}
export interface MonitoringCaseStepRow { id: number; caseId: number; phase: CasePhase; step: CaseStepKind; date: string; actor: string; note: string | null }
export interface MonitoringMeasureRow { id: number; caseId: number; kind: MeasureKind; date: string; stationId: number | null; actor: string; note: string | null }

/** All demo rows, keyed in foreign-key order (the loader inserts them in this order). */
export interface DemoData {
  county: CountyRow[];
  townships: TownshipRow[];
  villages: VillageRow[];
  stations: StationRow[];
  stationVillages: StationVillageRow[];
  households: HouseholdRow[];
  householdStatusChanges: HouseholdStatusChangeRow[];
  products: ProductRow[];
  productListings: ProductListingRow[];
  productSuppliers: ProductSupplierRow[];
  sales: SaleRow[];
  saleSuppliers: SaleSupplierRow[];
  incomeEntries: IncomeEntryRow[];
  trainingSessions: TrainingSessionRow[];
  trainingAttendees: TrainingAttendeeRow[];
  povertyLines: PovertyLineRow[];
  exitThresholds: ExitThresholdRow[];
  hardships: HardshipRow[];
  monitoringCases: MonitoringCaseRow[];
  monitoringCaseSteps: MonitoringCaseStepRow[];
  monitoringMeasures: MonitoringMeasureRow[];
}

const COUNTY_ID = 1;
const HOUSEHOLD_COUNT = 28_000;
const BROADBAND_VILLAGES = 128; // the reference says at least 100; every village is on an asphalt road
// Station coverage of poor villages: 62 of 89 (≈70%) by an ACTIVE station; 4 only by a suspended or closed station
// and 23 by none, so coverage reports have gaps to show.
const POOR_INACTIVE_ONLY = 4;
const POOR_UNCOVERED = 23;
const OTHER_INACTIVE_ONLY = 2;
const OTHER_UNCOVERED = 22;
const CLOSED_STATIONS = 2;
const MIN_ACTIVE_VILLAGES_PER_TOWNSHIP = 3;
const LAST_YEAR = 2020;
const FIRST_SALE_MONTH = monthIndex(2019, 11); // the service center opened in November 2019
const LAST_MONTH = monthIndex(LAST_YEAR, 12);

const LINE_FEN = new Map(POVERTY_LINES.map((l) => [l.year, l.yuan * 100]));
function lineFen(year: number): number {
  const fen = LINE_FEN.get(year);
  if (fen === undefined) throw new Error(`no poverty line for ${year}`);
  return fen;
}

const SIZE_WEIGHTS = [6, 10, 19, 26, 21, 10, 5, 3]; // sizes 1..8, mean ≈ 4.1
const CAUSES: PovertyCause[] = [
  "ILLNESS", "DISABILITY", "SCHOOLING", "DISASTER", "NO_LAND", "NO_WATER", "NO_SKILLS", "NO_LABOUR", "NO_CAPITAL",
  "POOR_TRANSPORT", "WEAK_MOTIVATION",
];
const CAUSE_WEIGHTS = [25, 10, 8, 4, 6, 2, 15, 12, 12, 4, 2];
const EXIT_YEARS = [2016, 2017, 2018, 2019, 2020];
const EXIT_YEAR_WEIGHTS = [20, 22, 22, 18, 10];
const SERVICES: StationService[] = ["PURCHASING", "CONSIGNMENT", "PARCELS", "TRAINING", "INFORMATION", "FINANCE"];
const VILLAGE_SERVICE_CHANCE = [0.7, 1, 1, 0.4, 0.6, 0.25]; // consignment and parcels everywhere
const PRODUCT_WEIGHTS = [5, 3, 2, 4, 3, 3]; // how often a station deals in each product, PRODUCTS order
const SUSPEND_REASONS = ["站长外出务工，正在招募新站长", "站点房屋维修，暂停营业", "快递合作到期，正在重新签约"];
const CLOSE_REASONS = ["与邻近服务站合并", "场地租约到期，村委另行选址"];
const REVERSAL_REASONS = ["买家退货，订单取消", "录入错误：数量填错，重新录入"];
const TRAINING_TOPICS = [
  "网店开设与日常运营", "农产品拍照与短视频制作", "直播带货入门", "快递打包与发货规范", "香菇种植与分级",
  "红茶采摘与初制", "农产品质量安全与溯源", "电商客服与售后", "微信群与朋友圈营销", "紫黑糯米品牌与包装",
];

type Coverage = "ACTIVE" | "INACTIVE" | "NONE";

/** A household supplying a station's products, from the month it joined. */
export interface Member { household: HouseholdRow; products: ProductRow[]; joinMonth: number }
/** A served household paid monthly for a station job (packing, live-stream assistant…) from `firstMonth`. */
export interface StationJob { station: StationRow; household: HouseholdRow; wageFen: number; firstMonth: number }

export interface SaleDraft {
  row: Omit<SaleRow, "id">;
  payouts: Array<{ household: HouseholdRow; payoutFen: number }>;
  id?: number;
}
export interface EntryDraft {
  row: Omit<IncomeEntryRow, "id" | "saleId" | "reversesId">;
  sale?: SaleDraft;
  reverses?: EntryDraft;
  id?: number;
}

export function generateDemoData(seed = 20191101): DemoData {
  const rng = new Rng(seed);

  const county: CountyRow[] = [{ id: COUNTY_ID, ...COUNTY, region: "WESTERN" }];
  const townships: TownshipRow[] = TOWNSHIPS.map((t, i) => ({ id: i + 1, ...t, countyId: COUNTY_ID }));

  // Villages: 汪洞乡 keeps its 9 real villages; the other 197 are demo villages, 10 or 11 per township.
  const demoTownships = townships.filter((t) => !REAL_VILLAGES[t.code]);
  const realCount = Object.values(REAL_VILLAGES).reduce((n, v) => n + v.length, 0);
  const perTownship = Math.floor((VILLAGE_COUNT - realCount) / demoTownships.length);
  const withExtra = new Set(rng.sample(demoTownships, VILLAGE_COUNT - realCount - perTownship * demoTownships.length));
  const villages: VillageRow[] = [];
  const villagesByTownship = new Map<number, VillageRow[]>();
  let demoVillageNo = 0;
  for (const t of townships) {
    const names = REAL_VILLAGES[t.code] ?? Array.from({ length: perTownship + (withExtra.has(t) ? 1 : 0) }, () => `示例村${pad(++demoVillageNo, 3)}`);
    const list = names.map((name, i) => ({
      id: villages.length + i + 1,
      code: `${t.code}${pad(i + 1, 3)}`,
      name,
      countyId: COUNTY_ID,
      townshipId: t.id,
      registeredPopulation: rng.int(1720, 2220),
      isPoor: false,
      hasBroadband: false,
      hasAsphaltRoad: true,
    }));
    villages.push(...list);
    villagesByTownship.set(t.id, list);
  }
  for (const v of rng.sample(villages, POOR_VILLAGE_COUNT)) v.isPoor = true;
  for (const v of rng.sample(villages, BROADBAND_VILLAGES)) v.hasBroadband = true;

  // Which villages an ACTIVE station will cover. Each township's first village is its seat (the township station's
  // home) and stays covered; so do at least three villages per township, so every township station has work.
  const seatOf = new Map([...villagesByTownship].map(([tid, list]) => [tid, list[0]]));
  const isSeat = (v: VillageRow) => seatOf.get(v.townshipId) === v;
  const coverage = new Map<VillageRow, Coverage>(villages.map((v) => [v, "ACTIVE"]));
  const activeLeft = new Map([...villagesByTownship].map(([tid, list]) => [tid, list.length]));
  const markUncovered = (pool: VillageRow[], n: number, kind: Coverage) => {
    let taken = 0;
    for (const v of rng.shuffle(pool)) {
      if (taken === n) break;
      if (coverage.get(v) !== "ACTIVE" || isSeat(v)) continue;
      if (activeLeft.get(v.townshipId)! <= MIN_ACTIVE_VILLAGES_PER_TOWNSHIP) continue;
      coverage.set(v, kind);
      activeLeft.set(v.townshipId, activeLeft.get(v.townshipId)! - 1);
      taken++;
    }
  };
  const poorVillages = villages.filter((v) => v.isPoor);
  const otherVillages = villages.filter((v) => !v.isPoor);
  markUncovered(poorVillages, POOR_INACTIVE_ONLY, "INACTIVE");
  markUncovered(poorVillages, POOR_UNCOVERED, "NONE");
  markUncovered(otherVillages, OTHER_INACTIVE_ONLY, "INACTIVE");
  markUncovered(otherVillages, OTHER_UNCOVERED, "NONE");

  // Stations: one per township (RS-T01…) and 100 village stations (RS-V001…, in village-code order). Active village
  // stations go to poor villages first; the suspended and closed ones sit in the "INACTIVE" villages.
  const inactiveHosts = villages.filter((v) => coverage.get(v) === "INACTIVE");
  const activeCandidates = villages.filter((v) => coverage.get(v) === "ACTIVE" && !isSeat(v));
  const activeHosts = [
    ...rng.shuffle(activeCandidates.filter((v) => v.isPoor)),
    ...rng.shuffle(activeCandidates.filter((v) => !v.isPoor)),
  ].slice(0, STATION_COUNT - townships.length - inactiveHosts.length);
  const closed = new Set(rng.sample(inactiveHosts, CLOSED_STATIONS));
  const hostVillages = [...activeHosts, ...inactiveHosts].sort((a, b) => a.id - b.id);
  const isHost = new Set(hostVillages);

  const stations: StationRow[] = [];
  const covers = new Map<StationRow, Set<VillageRow>>();
  const addStation = (s: Omit<StationRow, "id" | "operatorName" | "phone">, covered: VillageRow[]) => {
    const n = stations.length + 1;
    const row: StationRow = { id: n, ...s, operatorName: `示例站长${pad(n, 3)}`, phone: `1380000${pad(n, 4)}` };
    stations.push(row);
    covers.set(row, new Set(covered));
  };
  const villageOpenedOn = () => {
    const mi = rng.weighted([monthIndex(2019, 11), monthIndex(2019, 12), monthIndex(2020, 1), monthIndex(2020, 2), monthIndex(2020, 3), monthIndex(2020, 4), monthIndex(2020, 5)], [1, 3, 3, 1, 2, 2, 1]);
    const y = yearOf(mi), m = monthOf(mi);
    return isoDate(y, m, rng.int(mi === FIRST_SALE_MONTH ? 15 : 1, daysIn(y, m)));
  };
  for (const t of townships) {
    const seat = seatOf.get(t.id)!;
    addStation({
      code: `RS-T${pad(t.id, 2)}`, name: `${t.name}服务站`, level: "TOWNSHIP", countyId: COUNTY_ID, townshipId: t.id,
      villageId: seat.id, openedOn: addDays("2019-11-08", rng.int(0, 40)), status: "ACTIVE", statusReason: null,
      services: SERVICES.slice(),
    }, [seat]);
  }
  hostVillages.forEach((v, i) => {
    const inactive = coverage.get(v) === "INACTIVE";
    const status: StationStatus = !inactive ? "ACTIVE" : closed.has(v) ? "CLOSED" : "SUSPENDED";
    const covered = [v];
    if (!inactive) {
      // Possibly one or two neighbours (adjacent codes in the same township) that have no station of their own.
      const list = villagesByTownship.get(v.townshipId)!;
      const at = list.indexOf(v);
      for (const n of [list[at - 1], list[at + 1]]) {
        if (n && coverage.get(n) === "ACTIVE" && !isSeat(n) && !isHost.has(n) && rng.chance(0.45)) covered.push(n);
      }
    }
    addStation({
      code: `RS-V${pad(i + 1, 3)}`, name: `${v.name}服务站`, level: "VILLAGE", countyId: COUNTY_ID, townshipId: v.townshipId,
      villageId: v.id, openedOn: villageOpenedOn(), status,
      statusReason: status === "SUSPENDED" ? rng.pick(SUSPEND_REASONS) : status === "CLOSED" ? rng.pick(CLOSE_REASONS) : null,
      services: SERVICES.filter((_, k) => rng.chance(VILLAGE_SERVICE_CHANCE[k])),
    }, covered);
  });
  // Township stations also cover every other ACTIVE-target village left without a station, plus one or two
  // villages that have their own (overlapping coverage, as in practice).
  const coveredSoFar = new Set([...covers.values()].flatMap((set) => [...set]));
  for (const s of stations.filter((s) => s.level === "TOWNSHIP")) {
    const list = villagesByTownship.get(s.townshipId)!;
    const set = covers.get(s)!;
    for (const v of list) if (coverage.get(v) === "ACTIVE" && !coveredSoFar.has(v)) set.add(v);
    for (const v of rng.sample(list.filter((v) => isHost.has(v) && coverage.get(v) === "ACTIVE"), rng.int(1, 2))) set.add(v);
  }
  const stationVillages: StationVillageRow[] = [...covers].flatMap(([s, set]) =>
    [...set].sort((a, b) => a.id - b.id).map((v) => ({ stationId: s.id, villageId: v.id })),
  );

  // A village is served by its own station if it hosts one, else by an active village station covering it, else by
  // its township station; villages no station covers have no serving station.
  const coveringStations = new Map<VillageRow, StationRow[]>();
  for (const [s, set] of covers) for (const v of set) pushTo(coveringStations, v, s);
  const rank = (s: StationRow, v: VillageRow) =>
    (s.level === "VILLAGE" && s.villageId === v.id ? 0 : 4) + (s.status === "ACTIVE" ? 0 : 2) + (s.level === "VILLAGE" ? 0 : 1);
  const servingStation = new Map<VillageRow, StationRow>();
  for (const [v, list] of coveringStations) servingStation.set(v, list.slice().sort((a, b) => rank(a, v) - rank(b, v) || a.id - b.id)[0]);

  // Households: 28,000, placed by population with poor villages weighted 2.5×, so they reach ≈ 43% incidence at
  // registration against ≈ 17% elsewhere.
  const weights = villages.map((v) => v.registeredPopulation * (v.isPoor ? 2.5 : 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * HOUSEHOLD_COUNT) / totalWeight);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const shortfall = HOUSEHOLD_COUNT - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < shortfall; k++) counts[byRemainder[k][1]]++;

  const households: HouseholdRow[] = [];
  const householdsByVillage = new Map<VillageRow, HouseholdRow[]>();
  villages.forEach((v, vi) => {
    const list: HouseholdRow[] = [];
    for (let serial = 1; serial <= counts[vi]; serial++) {
      const size = rng.weighted([1, 2, 3, 4, 5, 6, 7, 8], SIZE_WEIGHTS);
      const type: HouseholdType =
        size === 1 ? rng.weighted<HouseholdType>(["EXTREME_SUPPORT", "MINIMUM_INCOME", "GENERAL"], [40, 35, 25])
        : size === 2 ? rng.weighted<HouseholdType>(["EXTREME_SUPPORT", "MINIMUM_INCOME", "GENERAL"], [10, 30, 60])
        : rng.chance(0.2) ? "MINIMUM_INCOME" : "GENERAL";
      const causes = new Set<PovertyCause>();
      const nCauses = rng.weighted([1, 2, 3], [50, 35, 15]);
      while (causes.size < nCauses) causes.add(rng.weighted(CAUSES, CAUSE_WEIGHTS));
      const n = households.length + 1;
      const h: HouseholdRow = {
        id: n, code: householdCode(v.code, serial), countyId: COUNTY_ID, villageId: v.id,
        stationId: servingStation.get(v)?.id ?? null, headName: `示例户主${pad(n, 5)}`, size, type,
        causes: CAUSES.filter((c) => causes.has(c)), status: "POOR", kind: "REGISTERED", registeredYear: rng.chance(0.86) ? 2014 : 2015,
        exitYear: null, foodClothingSecure: true, educationSecure: true, medicalSecure: true, housingSecure: true,
        waterSecure: true,
      };
      households.push(h);
      list.push(h);
    }
    householdsByVillage.set(v, list);
  });

  // Exits over 2016–2020. In each village households holding ≈ 0.6–3.2% of its population stay POOR at the end of
  // 2020, so the county lands near 2% (below the 3% western threshold) while some villages stay above 3%.
  for (const [v, list] of householdsByVillage) {
    const remainTarget = v.registeredPopulation * rng.float(0.006, 0.032);
    let remaining = 0;
    for (const h of rng.shuffle(list)) {
      if (remaining < remainTarget) {
        remaining += h.size;
        h.foodClothingSecure = !rng.chance(0.12);
        h.educationSecure = !rng.chance(0.12);
        h.medicalSecure = !rng.chance(0.12);
        h.housingSecure = !rng.chance(0.12);
        h.waterSecure = !rng.chance(0.12);
        continue;
      }
      h.exitYear = rng.weighted(EXIT_YEARS, EXIT_YEAR_WEIGHTS);
      h.status = rng.chance(0.04) ? "MONITORED" : "EXITED";
    }
  }

  const householdStatusChanges = buildStatusChanges(rng, households);

  // Products, the households supplying them and where they are sold.
  const activeStations = stations.filter((s) => s.status === "ACTIVE");
  const servedBy = new Map<StationRow, HouseholdRow[]>();
  const stationById = new Map(stations.map((s) => [s.id, s]));
  for (const h of households) if (h.stationId !== null) pushTo(servedBy, stationById.get(h.stationId)!, h);
  const products: ProductRow[] = PRODUCTS.map((p, i) => ({
    id: i + 1, countyId: COUNTY_ID, code: `RS-P${pad(i + 1, 2)}`, ...p, stationId: null,
  }));
  const productListings: ProductListingRow[] = [];
  for (const p of products) {
    const platforms: Platform[] = ["TAOBAO", "WECHAT", ...(["JD", "PINDUODUO", "DOUYIN"] as const).filter(() => rng.chance(0.6))];
    for (const platform of platforms) {
      const core = platform === "TAOBAO" || platform === "WECHAT";
      productListings.push({
        id: productListings.length + 1, productId: p.id, platform,
        status: !core && rng.chance(0.3) ? "DELISTED" : "LISTED",
        url: `https://shop.example.com/${platform.toLowerCase()}/${p.code.toLowerCase()}`,
        // Short-video selling took off in spring 2020; the other shops opened with the center.
        listedOn: platform === "DOUYIN" ? isoDate(2020, rng.int(2, 4), rng.int(1, 28)) : isoDate(2019, 10, rng.int(10, 31)),
      });
    }
  }

  const stationProducts = new Map<StationRow, ProductRow[]>();
  const members = new Map<StationRow, Member[]>();
  for (const s of activeStations) {
    const served = servedBy.get(s) ?? [];
    const mine: ProductRow[] = [];
    const want = rng.int(2, 3);
    while (mine.length < want) {
      const p = rng.weighted(products, PRODUCT_WEIGHTS);
      if (!mine.includes(p)) mine.push(p);
    }
    stationProducts.set(s, mine);
    const openMonth = monthOfDate(s.openedOn);
    const poolSize = Math.min(served.length, s.level === "VILLAGE" ? rng.int(20, 35) : rng.int(30, 45));
    members.set(s, rng.sample(served, poolSize).map((household) => ({
      household,
      products: rng.chance(0.3) ? mine.slice(0, 2) : [rng.pick(mine)],
      // Most suppliers join in the first months after the station opens, some much later.
      joinMonth: Math.min(LAST_MONTH, openMonth + Math.floor(rng.next() ** 2 * 9)),
    })));
  }
  const productSuppliers: ProductSupplierRow[] = [...members.values()]
    .flatMap((list) => list.flatMap((m) => m.products.map((p) => ({ productId: p.id, householdId: m.household.id }))))
    .sort((a, b) => a.productId - b.productId || a.householdId - b.householdId);
  for (const p of products) {
    // The sourcing station is the active station with the most suppliers of the product.
    let best: { station: StationRow; n: number } | undefined;
    for (const [s, list] of members) {
      const n = list.filter((m) => m.products.includes(p)).length;
      if (n > 0 && (!best || n > best.n)) best = { station: s, n };
    }
    p.stationId = best?.station.id ?? null;
  }

  // Sales: each month every joined supplier of a product takes part with probability 0.75; participants are grouped
  // 1–4 per sale. Suppliers are paid 72–86% of the sale (the station keeps the rest for packing, postage and fees),
  // and each payout is also an OPERATING / ECOMMERCE_SALE income entry on the sale date.
  const saleDrafts: SaleDraft[] = [];
  const entryDrafts: EntryDraft[] = [];
  const stationOf = (h: HouseholdRow, date: string): number | null => {
    const s = h.stationId === null ? undefined : stationById.get(h.stationId);
    return s && s.openedOn <= date ? s.id : null; // entries before the station opened were not recorded by it
  };
  for (const s of activeStations) {
    const openMonth = monthOfDate(s.openedOn);
    for (let mi = Math.max(openMonth, FIRST_SALE_MONTH); mi <= LAST_MONTH; mi++) {
      const y = yearOf(mi), m = monthOf(mi);
      const growth = 1 + 0.025 * (mi - FIRST_SALE_MONTH);
      for (const p of stationProducts.get(s)!) {
        const joined = members.get(s)!.filter((x) => x.joinMonth <= mi && x.products.includes(p) && rng.chance(0.75));
        const participants = rng.shuffle(joined);
        for (let at = 0; at < participants.length;) {
          const group = participants.slice(at, (at += rng.int(1, 4)));
          const date = isoDate(y, m, rng.int(mi === openMonth ? Number(s.openedOn.slice(8, 10)) : 1, daysIn(y, m)));
          const channels = productListings.filter((l) => l.productId === p.id && l.status === "LISTED" && l.listedOn <= date);
          const wanted = group.map(() => Math.round(rng.float(180, 520) * growth * 100));
          const wantedSum = wanted.reduce((a, b) => a + b, 0);
          const share = rng.float(0.72, 0.86);
          const quantity = Math.max(1, Math.round(wantedSum / share / p.priceFen));
          const amountFen = quantity * p.priceFen;
          const payoutTotal = Math.floor(amountFen * share);
          const payouts = group.map((x, k) => ({ household: x.household, payoutFen: Math.floor((payoutTotal * wanted[k]) / wantedSum) }));
          const sale: SaleDraft = {
            row: {
              countyId: COUNTY_ID, productId: p.id, stationId: s.id, channel: rng.pick(channels).platform, date, quantity,
              amountFen, reversedAt: null, reversalReason: null,
            },
            payouts,
          };
          saleDrafts.push(sale);
          for (const x of payouts) {
            entryDrafts.push({
              sale,
              row: {
                countyId: COUNTY_ID, householdId: x.household.id, stationId: stationOf(x.household, date), date,
                category: "OPERATING", source: "ECOMMERCE_SALE", amountFen: x.payoutFen, reversalReason: null,
              },
            });
          }
        }
      }
    }
  }

  // A few reversed sales, to show how the ledger corrects mistakes: one negative entry per payout, same year.
  const saleEntries = new Map<SaleDraft, EntryDraft[]>();
  for (const e of entryDrafts) if (e.sale) pushTo(saleEntries, e.sale, e);
  const reversible = saleDrafts.filter((s) => monthOf(monthOfDate(s.row.date)) < 12);
  for (const sale of rng.sample(reversible, 3)) {
    const on = addDays(sale.row.date, rng.int(2, 7));
    const reason = rng.pick(REVERSAL_REASONS);
    sale.row.reversedAt = `${on}T10:00:00.000Z`;
    sale.row.reversalReason = reason;
    for (const original of saleEntries.get(sale)!) {
      entryDrafts.push({
        sale, reverses: original,
        row: { ...original.row, date: on, amountFen: -original.row.amountFen, reversalReason: reason },
      });
    }
  }

  // Station jobs (packing, live-stream assistant…): one or two non-poor served households per active station, paid
  // on the 28th of each month from the opening month (the next one if the station opened after the 20th).
  const stationJobs: StationJob[] = [];
  for (const s of activeStations) {
    const candidates = (servedBy.get(s) ?? []).filter((h) => h.status !== "POOR");
    const opened = s.openedOn;
    const first = monthOfDate(opened) + (Number(opened.slice(8, 10)) > 20 ? 1 : 0);
    for (const h of rng.sample(candidates, s.level === "TOWNSHIP" ? 2 : 1)) {
      const wageFen = rng.int(80, 150) * 1000;
      stationJobs.push({ station: s, household: h, wageFen, firstMonth: Math.max(first, FIRST_SALE_MONTH) });
      for (let mi = Math.max(first, FIRST_SALE_MONTH); mi <= LAST_MONTH; mi++) {
        const date = isoDate(yearOf(mi), monthOf(mi), 28);
        entryDrafts.push({
          row: {
            countyId: COUNTY_ID, householdId: h.id, stationId: s.id, date, category: "WAGE", source: "STATION_JOB",
            amountFen: wageFen, reversalReason: null,
          },
        });
      }
    }
  }

  // The rest of each household's income, per year, around a per-capita target: exited households above the line
  // from their exit year on, still-poor ones below it. E-commerce income already counts toward the target.
  const ecommerce = new Map<string, number>();
  for (const e of entryDrafts) {
    const key = `${e.row.householdId}:${e.row.date.slice(0, 4)}`;
    ecommerce.set(key, (ecommerce.get(key) ?? 0) + e.row.amountFen);
  }
  for (const h of households) {
    const firstYear = h.exitYear === null ? 2019 : Math.min(h.exitYear, 2019);
    let perCapita = 0;
    for (let year = firstYear; year <= LAST_YEAR; year++) {
      const line = lineFen(year);
      if (h.exitYear === null || year < h.exitYear) perCapita = line * rng.float(0.5, 0.93);
      else if (year === h.exitYear) perCapita = line * rng.float(1.06, 1.5);
      else if (h.status === "MONITORED" && year === LAST_YEAR) perCapita = line * rng.float(0.9, 1.08); // unstable
      else perCapita = Math.max(perCapita * rng.float(1.03, 1.12), line * rng.float(1.05, 1.35));
      const target = Math.ceil(perCapita * h.size);
      const other = Math.max(target - (ecommerce.get(`${h.id}:${year}`) ?? 0), Math.ceil(target * 0.15));
      entryDrafts.push(...baseIncome(rng, h, year, other, stationOf));
    }
  }

  const trainings = buildTrainings(rng, stations, servedBy);

  // 2021–2025, the consolidation years: from a second generator seeded from the same seed, so every row of
  // 2019–2020 above stays exactly as it was; appends to the ledger, the sales and the registry, and builds the
  // hardships and monitoring cases (./consolidation.ts).
  const later = buildConsolidation({
    rng: new Rng(seed ^ 0x2021_0101), villages, townships, stations, households, householdsByVillage, servingStation,
    householdStatusChanges, products, productListings, stationProducts, members, stationJobs, servedBy, saleDrafts,
    entryDrafts, stationOf,
  });
  const trainingDrafts = [...trainings, ...later.trainings];

  // Ids follow time, as they would have in a live ledger: sales and entries are sorted by date before numbering.
  saleDrafts.sort((a, b) => cmp(a.row.date, b.row.date) || a.row.stationId - b.row.stationId);
  saleDrafts.forEach((s, i) => (s.id = i + 1));
  entryDrafts.sort((a, b) => cmp(a.row.date, b.row.date) || a.row.householdId - b.row.householdId);
  entryDrafts.forEach((e, i) => (e.id = i + 1));

  const data: DemoData = {
    county,
    townships,
    villages,
    stations,
    stationVillages,
    households,
    householdStatusChanges,
    products,
    productListings,
    productSuppliers,
    sales: saleDrafts.map((s) => ({ id: s.id!, ...s.row })),
    saleSuppliers: saleDrafts.flatMap((s) =>
      s.payouts.map((x) => ({ saleId: s.id!, householdId: x.household.id, payoutFen: x.payoutFen })),
    ),
    incomeEntries: entryDrafts.map((e) => ({
      id: e.id!, ...e.row, saleId: e.sale?.id ?? null, reversesId: e.reverses?.id ?? null,
    })),
    trainingSessions: trainingDrafts.map((d, i) => ({ id: i + 1, ...d.row })),
    trainingAttendees: trainingDrafts.flatMap((d, i) => d.attendees.map((h) => ({ trainingId: i + 1, householdId: h.id }))),
    povertyLines: POVERTY_LINES.map((l) => ({ year: l.year, fenPerPerson: l.yuan * 100, verified: l.verified, note: l.note })),
    exitThresholds: (Object.keys(EXIT_THRESHOLDS) as Region[]).map((region) => ({ region, incidenceBelowPct: EXIT_THRESHOLDS[region] })),
    hardships: later.hardships,
    monitoringCases: later.cases,
    monitoringCaseSteps: later.steps,
    monitoringMeasures: later.measures,
  };
  assertExitsEligible(data);
  return data;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Registration, exit and (for monitored households) the move to monitoring, as recorded by the system. */
function buildStatusChanges(rng: Rng, households: HouseholdRow[]): HouseholdStatusChangeRow[] {
  const rows: Omit<HouseholdStatusChangeRow, "id">[] = [];
  for (const h of households) {
    rows.push({
      householdId: h.id, fromStatus: null, toStatus: "POOR", year: h.registeredYear,
      reason: h.registeredYear === 2014 ? "建档立卡识别" : "动态调整新增识别",
      changedAt: `${isoDate(h.registeredYear, rng.int(4, 10), rng.int(1, 28))}T08:00:00.000Z`,
    });
    if (h.exitYear === null) continue;
    rows.push({
      householdId: h.id, fromStatus: "POOR", toStatus: "EXITED", year: h.exitYear,
      reason: "年度脱贫验收：人均纯收入超过当年扶贫标准，“两不愁三保障”达标",
      changedAt: `${isoDate(h.exitYear, 12, rng.int(1, 25))}T08:00:00.000Z`,
    });
    if (h.status === "MONITORED") {
      rows.push({
        householdId: h.id, fromStatus: "EXITED", toStatus: "MONITORED", year: LAST_YEAR,
        reason: "脱贫不稳定，纳入防止返贫动态监测", changedAt: `${LAST_YEAR}-12-28T08:00:00.000Z`,
      });
    }
  }
  rows.sort((a, b) => cmp(a.changedAt, b.changedAt) || a.householdId - b.householdId);
  return rows.map((r, i) => ({ id: i + 1, ...r }));
}

/** Splits a household's non-e-commerce income for a year over wage, farming, subsidy and dividend entries. */
function baseIncome(
  rng: Rng,
  h: HouseholdRow,
  year: number,
  totalFen: number,
  stationOf: (h: HouseholdRow, date: string) => number | null,
): EntryDraft[] {
  // [category, source, weight, first month, last month]: migrant pay any time, harvest in autumn, subsidies in
  // spring, cooperative dividends at year end. Minimum-income and extreme-support households live mostly on transfers.
  const parts: Array<[IncomeCategory, IncomeSource, number, number, number]> = [];
  const migrant = h.type === "GENERAL" ? (h.size >= 2 ? 0.5 : 0.25) : h.type === "MINIMUM_INCOME" && h.size >= 3 ? 0.3 : 0;
  if (migrant > 0) parts.push(["WAGE", "MIGRANT_WORK", migrant, 1, 12]);
  parts.push(["OPERATING", "FARMING", h.type === "EXTREME_SUPPORT" ? 0.15 : 0.3, 8, 11]);
  parts.push(["TRANSFER", "SUBSIDY", h.type === "GENERAL" ? 0.15 : h.type === "MINIMUM_INCOME" ? 0.4 : 0.85, 3, 6]);
  if (rng.chance(h.type === "EXTREME_SUPPORT" ? 0.1 : 0.25)) parts.push(["PROPERTY", "DIVIDEND", 0.06, 12, 12]);

  return splitIncome(rng, parts, totalFen, year).map(({ category, source, amountFen, date }) => ({
    row: { countyId: COUNTY_ID, householdId: h.id, stationId: stationOf(h, date), date, category, source, amountFen, reversalReason: null },
  }));
}

/** Two to five training sessions per station since it opened, attended by some of the households it serves. */
function buildTrainings(rng: Rng, stations: StationRow[], servedBy: Map<StationRow, HouseholdRow[]>) {
  const drafts: Array<{ row: Omit<TrainingSessionRow, "id">; attendees: HouseholdRow[] }> = [];
  for (const s of stations) {
    const last = s.status === "ACTIVE" ? "2020-12-20" : "2020-06-30"; // inactive stations stopped mid-2020
    const span = (Date.parse(last) - Date.parse(s.openedOn)) / 86_400_000;
    for (let k = rng.int(2, 5); k > 0; k--) {
      const attendees = rng.sample(servedBy.get(s) ?? [], rng.int(6, 18)).sort((a, b) => a.id - b.id);
      drafts.push({
        row: {
          countyId: COUNTY_ID, stationId: s.id, date: addDays(s.openedOn, rng.int(7, span)), topic: rng.pick(TRAINING_TOPICS),
          attendeeCount: attendees.length + rng.int(0, 12), // villagers who are not registered households come too
        },
        attendees,
      });
    }
  }
  drafts.sort((a, b) => cmp(a.row.date, b.row.date) || a.row.stationId - b.row.stationId);
  return drafts;
}

/** The hard rule the demo must honour: every exited household is exit-eligible for its exit year (DESIGN §5). */
function assertExitsEligible(data: DemoData): void {
  const income = new Map<string, number>();
  for (const e of data.incomeEntries) {
    const key = `${e.householdId}:${e.date.slice(0, 4)}`;
    income.set(key, (income.get(key) ?? 0) + e.amountFen);
  }
  for (const h of data.households) {
    if (h.exitYear === null) continue;
    const ok = isExitEligible({ incomeFen: income.get(`${h.id}:${h.exitYear}`) ?? 0, size: h.size, lineFen: lineFen(h.exitYear), guarantees: h });
    if (!ok) throw new Error(`demo data: household ${h.code} is not exit-eligible for ${h.exitYear}`);
  }
}
