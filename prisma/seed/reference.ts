// Facts copied from ../shared/reference/rongshui.json (sources are named there), kept in the repository so seeding
// does not depend on a file outside it. Everything else in the demo data is generated and marked as demo.
import type { ProductCategory } from "../../lib/generated/prisma/enums";

export const COUNTY = { code: "450225", name: "融水苗族自治县", nameEn: "Rongshui Miao Autonomous County" } as const;

/** The 20 township-level divisions with their statistical codes (NBS 2023), in code order. */
export const TOWNSHIPS: ReadonlyArray<{ code: string; name: string; nameEn: string }> = [
  { code: "450225100", name: "融水镇", nameEn: "Rongshui Zhen" },
  { code: "450225101", name: "和睦镇", nameEn: "Hemu Zhen" },
  { code: "450225102", name: "三防镇", nameEn: "Sanfang Zhen" },
  { code: "450225103", name: "怀宝镇", nameEn: "Huaibao Zhen" },
  { code: "450225104", name: "洞头镇", nameEn: "Dongtou Zhen" },
  { code: "450225105", name: "大浪镇", nameEn: "Dalang Zhen" },
  { code: "450225106", name: "永乐镇", nameEn: "Yongle Zhen" },
  { code: "450225201", name: "四荣乡", nameEn: "Sirong Xiang" },
  { code: "450225202", name: "香粉乡", nameEn: "Xiangfen Xiang" },
  { code: "450225203", name: "安太乡", nameEn: "Antai Xiang" },
  { code: "450225205", name: "汪洞乡", nameEn: "Wangdong Xiang" },
  { code: "450225206", name: "同练瑶族乡", nameEn: "Tonglian Yaozu Xiang" },
  { code: "450225207", name: "滚贝侗族乡", nameEn: "Gunbei Dongzu Xiang" },
  { code: "450225208", name: "杆洞乡", nameEn: "Gandong Xiang" },
  { code: "450225209", name: "安陲乡", nameEn: "Anchui Xiang" },
  { code: "450225211", name: "白云乡", nameEn: "Baiyun Xiang" },
  { code: "450225212", name: "红水乡", nameEn: "Hongshui Xiang" },
  { code: "450225213", name: "拱洞乡", nameEn: "Gongdong Xiang" },
  { code: "450225214", name: "良寨乡", nameEn: "Liangzhai Xiang" },
  { code: "450225215", name: "大年乡", nameEn: "Danian Xiang" },
];

/** The only real village names found (汪洞乡); every other village gets a plainly demo name. */
export const REAL_VILLAGES: Readonly<Record<string, readonly string[]>> = {
  "450225205": ["腾合村", "廖合村", "结合村", "平时村", "八洞村", "罗洞村", "产儒村", "新合村", "池洞村"],
};

export const VILLAGE_COUNT = 206;
export const POOR_VILLAGE_COUNT = 89;
export const STATION_COUNT = 120;

/** Poverty line per year in yuan per person; unverified values stay flagged so an ADMIN can correct them. */
export const POVERTY_LINES: ReadonlyArray<{ year: number; yuan: number; verified: boolean; note: string }> = [
  { year: 2010, yuan: 2300, verified: true, note: "base line at 2010 prices (set 2011)" },
  { year: 2014, yuan: 2800, verified: false, note: "approximate current-price line; verify before real use" },
  { year: 2015, yuan: 2855, verified: false, note: "approximate; verify" },
  { year: 2016, yuan: 2952, verified: false, note: "approximate; verify" },
  { year: 2017, yuan: 2952, verified: false, note: "approximate; verify" },
  { year: 2018, yuan: 2995, verified: false, note: "approximate; verify" },
  { year: 2019, yuan: 3218, verified: true, note: "NBS figure cited by two secondary sources" },
  { year: 2020, yuan: 4000, verified: true, note: "the 2020 exit threshold, about 4,000 at current prices" },
];

/** Incidence thresholds (percent) for village and county exit: western regions 3, others 2. */
export const EXIT_THRESHOLDS = { WESTERN: 3, OTHER: 2 } as const;

/** The reference's local specialties; unit and price are demo values of a plausible order. */
export const PRODUCTS: ReadonlyArray<{ name: string; nameEn: string; category: ProductCategory; unit: string; priceFen: number }> = [
  { name: "香菇", nameEn: "Shiitake mushrooms", category: "MUSHROOM", unit: "斤", priceFen: 4800 },
  { name: "红茶", nameEn: "Black tea", category: "TEA", unit: "盒", priceFen: 8800 },
  { name: "牛肉", nameEn: "Beef", category: "MEAT", unit: "kg", priceFen: 9600 },
  { name: "紫黑糯米", nameEn: "Purple-black sticky rice", category: "GRAIN", unit: "斤", priceFen: 1200 },
  { name: "木耳", nameEn: "Wood-ear fungus", category: "MUSHROOM", unit: "斤", priceFen: 5000 },
  { name: "竹笋", nameEn: "Bamboo shoots", category: "VEGETABLE", unit: "斤", priceFen: 2500 },
];

/**
 * The monitoring lines of the consolidation years (yuan per person), as the monitoring migration seeds them:
 * APPROXIMATE (no official figure for Rongshui was confirmed). The demo's 2021–2025 incomes are drawn against them;
 * the loader checks that the database holds the same values before it seeds.
 */
export const MONITORING_LINES: ReadonlyArray<{ year: number; yuan: number }> = [
  { year: 2021, yuan: 6000 },
  { year: 2022, yuan: 6300 },
  { year: 2023, yuan: 6600 },
  { year: 2024, yuan: 6900 },
  { year: 2025, yuan: 7200 },
  { year: 2026, yuan: 7500 },
];
