// Product units are stored as the text the center typed (斤, 盒, kg …). Pages show them in the page's language: the
// known Chinese units have English labels; anything else is shown as stored. No zod, no server code: client
// components import this too.

/** The known units: the stored (Chinese) text → the English label. */
const UNIT_EN: Record<string, string> = {
  斤: "jin (500 g)",
  公斤: "kg",
  千克: "kg",
  克: "g",
  两: "liang (50 g)",
  吨: "t",
  盒: "box",
  袋: "bag",
  箱: "case",
  包: "pack",
  瓶: "bottle",
  罐: "jar",
  桶: "bucket",
  篮: "basket",
  筐: "crate",
  捆: "bundle",
  把: "bunch",
  串: "string",
  只: "piece",
  个: "piece",
  件: "item",
  份: "portion",
  套: "set",
  条: "piece",
  头: "head",
  升: "L",
  毫升: "mL",
};

/** The units the product form suggests (the stored text is Chinese: that is what the center's staff type). */
export const KNOWN_UNITS = ["斤", "公斤", "盒", "袋", "箱", "包", "瓶", "罐", "个", "只", "件", "份", "套"] as const;

/** A product's unit for display in `locale`: "斤" → "jin (500 g)" in English, as stored in Chinese. */
export function unitLabel(unit: string, locale: string): string {
  const u = unit.trim();
  if (!locale.startsWith("en")) return u;
  return UNIT_EN[u] ?? UNIT_EN[u.replace(/^每/, "")] ?? u;
}

/** A short unit for "¥12.00 / 斤" and "3 斤": English drops the gram note ("jin"), which the price line does not need. */
export function unitShort(unit: string, locale: string): string {
  return unitLabel(unit, locale).replace(/ \(.*\)$/, "");
}
