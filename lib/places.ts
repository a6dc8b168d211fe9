// Place names in the page's language. Townships have an English (pinyin) name; villages have only their Chinese
// name (no pinyin column, and none is added): English pages show the village's Chinese name with its township's
// pinyin beside it, so a reader can still place it, and the Chinese name is what signs and officials use.
// Pure: client components import it too.

type Township = { name: string; nameEn?: string | null };

/** A township's name: its pinyin name (Wangdong) in English, 汪洞乡 in Chinese. */
export function townshipName(township: Township, locale: string): string {
  return locale.startsWith("en") && township.nameEn ? township.nameEn : township.name;
}

/** A village with its township: "汪洞乡 · 示例村001", or in English "示例村001 (Wangdong)". */
export function villagePlace(village: { name: string }, township: Township, locale: string): string {
  return locale.startsWith("en") ? `${village.name} (${townshipName(township, locale)})` : `${township.name} · ${village.name}`;
}
