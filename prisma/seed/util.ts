// The demo seed's deterministic building blocks: one fixed-seed PRNG and calendar helpers on month indexes and ISO
// dates (no clock, no Math.random), shared by the 2019–2020 generator and the consolidation years (2021–2025).

/** mulberry32: a tiny, well-mixed 32-bit PRNG, plenty for demo data. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let r = this.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items).slice(0, k);
  }
}

export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}
export function yearOf(mi: number): number {
  return Math.floor(mi / 12);
}
export function monthOf(mi: number): number {
  return (mi % 12) + 1;
}
export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}
export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
export function monthOfDate(date: string): number {
  return monthIndex(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}

/** One part of a household's yearly income: [category, source, weight, first month, last month]. */
export type IncomePart<C extends string, S extends string> = [C, S, number, number, number];

/**
 * A year's income total split over its parts (weights jittered ±30%, the rounding remainder to the first part),
 * each dated on a random day of its months. The 2019–2020 generator and the 2021–2025 one share it, so their
 * draws happen in the same order.
 */
export function splitIncome<C extends string, S extends string>(rng: Rng, parts: IncomePart<C, S>[], totalFen: number, year: number) {
  const weights = parts.map((p) => p[2] * rng.float(0.7, 1.3));
  const sum = weights.reduce((a, b) => a + b, 0);
  const amounts = weights.map((w) => Math.floor((totalFen * w) / sum));
  amounts[0] += totalFen - amounts.reduce((a, b) => a + b, 0);
  return parts.map(([category, source, , from, to], i) => ({ category, source, amountFen: amounts[i], date: isoDate(year, rng.int(from, to), rng.int(1, 28)) }));
}
