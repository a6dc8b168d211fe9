// Status-history reasons are free text. The ones the system writes (registration, import, the demo's annual review
// and monitoring) are known and shown in the page's language; a reason someone typed is shown as typed. Pure.

const KNOWN_REASONS: ReadonlyArray<{ zh: string; en: string }> = [
  { zh: "新增建档", en: "Registered" },
  { zh: "批量导入", en: "Imported from a file" },
  { zh: "年度脱贫验收：人均纯收入超过当年扶贫标准，“两不愁三保障”达标", en: "Annual exit review: per-capita income above the year's line, all five guarantees met" },
  { zh: "脱贫不稳定，纳入防止返贫动态监测", en: "Exit not yet stable: placed under monitoring against falling back into poverty" },
];

/** A status change's reason in `locale`: a system reason in that language, anything else unchanged. */
export function statusReason(reason: string | null | undefined, locale: string): string {
  if (!reason) return "";
  const known = KNOWN_REASONS.find((r) => r.zh === reason.trim() || r.en === reason.trim());
  return known ? (locale.startsWith("en") ? known.en : known.zh) : reason;
}
