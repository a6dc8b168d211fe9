// Household codes: one rule, used by the seed, the household form's suggestion (nextHouseholdCode) and the tests.
// A code is the village's code, a dash and a serial of at least four digits (450225205001-0042, as the seed and the
// county's registers write them). The next code of a village is one past the highest serial in that pattern, not
// the first gap: a gap may be a code once given out, and a code must never name two households over time. Codes in
// another shape (typed by hand, imported) are ignored. Pure: the seed imports it.

/** The serial's minimum width: 0001 … 9999, then 10000. */
const SERIAL_WIDTH = 4;

/** The code of serial `serial` in a village: householdCode("450225205001", 42) = "450225205001-0042". */
export function householdCode(villageCode: string, serial: number): string {
  return `${villageCode}-${String(serial).padStart(SERIAL_WIDTH, "0")}`;
}

/** The serial of a code in the village's pattern, or null for a code in another shape. */
export function householdSerial(villageCode: string, code: string): number | null {
  const rest = code.startsWith(`${villageCode}-`) ? code.slice(villageCode.length + 1) : "";
  return /^\d{1,9}$/.test(rest) ? Number(rest) : null;
}

/** The next free code of a village, given the registry's codes that start with the village's code and a dash. */
export function nextCodeAfter(villageCode: string, codes: Iterable<string>): string {
  let highest = 0;
  for (const code of codes) highest = Math.max(highest, householdSerial(villageCode, code) ?? 0);
  return householdCode(villageCode, highest + 1);
}
