// The poverty lines' notes are free text. The seeded ones (prisma/seed/reference.ts) are known, and are shown in the
// page's language; a note someone typed is shown as typed. Pure: the settings form (a client component) imports it.

const KNOWN_NOTES: ReadonlyArray<{ en: string; zh: string }> = [
  { en: "base line at 2010 prices (set 2011)", zh: "2010 年不变价基准线（2011 年确定）" },
  { en: "approximate current-price line; verify before real use", zh: "当年价格的近似值；正式使用前请核实" },
  { en: "approximate; verify", zh: "近似值；请核实" },
  { en: "NBS figure cited by two secondary sources", zh: "国家统计局数据，两份二手资料引用" },
  { en: "the 2020 exit threshold, about 4,000 at current prices", zh: "2020 年脱贫标准，按当年价格约 4000 元" },
  // The monitoring lines seeded by migration 20261203200000_monitoring.
  { en: "approximate, to be confirmed locally", zh: "近似值，待本地核实" },
];

/** A poverty line's note in `locale`: a seeded note in that language, anything else unchanged. */
export function lineNote(note: string | null | undefined, locale: string): string {
  if (!note) return "";
  const known = KNOWN_NOTES.find((n) => n.en === note.trim() || n.zh === note.trim());
  if (!known) return note;
  return locale.startsWith("en") ? known.en : known.zh;
}
