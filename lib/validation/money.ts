// Yuan ↔ fen, without zod, so client components can import it cheaply. The schemas (fenSchema, yuanSchema) live
// in ./primitives.

/**
 * Number text as people type it on a Chinese keyboard → ASCII: full-width digits (０–９, U+FF10–U+FF19), the
 * full-width minus, plus, comma and full stop, and the ideographic full stop (。, a decimal point when it comes after
 * digits: "１，２００。５" → "1,200.5"). Commas stay commas: whether they group thousands is the caller's rule.
 * Everything that parses numbers (toNumber, yuanToFen, quantities) calls this one function.
 */
export function normaliseNumberText(value: string): string {
  return value
    .replace(/(\d)\u3002\s*$/, "$1") // "1200。" ends a sentence, it is not "1200."
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\uFF0E\u3002]/g, ".")
    .replace(/[\uFF0C]/g, ",")
    .replace(/[\uFF0D\u2212]/g, "-")
    .replace(/[\uFF0B]/g, "+")
    .replace(/\u3000/g, " ");
}

/**
 * A yuan amount typed in a form or a spreadsheet ("12", "-12.5", "1,234.56", "¥12.30", full-width "１，２３４。５６") → integer
 * fen, exactly (no float rounding). Blank → undefined. Anything that is not such an amount is handed back unchanged, so the schema
 * reports it on the field.
 */
export function yuanToFen(value: FormDataEntryValue | null | undefined): unknown {
  if (typeof value !== "string") return value ?? undefined;
  let text = normaliseNumberText(value).trim().replace(/\s/g, "").replace(/^(-?)[¥￥]/, "$1");
  if (text === "") return undefined;
  // A comma groups thousands ("1,234.56"); anywhere else ("1,5": a decimal comma?) it is not guessed at.
  if (text.includes(",")) {
    if (!/^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) return text;
    text = text.replace(/,/g, "");
  }
  const match = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return text;
  const fen = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -fen : fen;
}

/** Integer fen → the yuan text a form field shows ("1234.5" for 123450). */
export function fenToYuanInput(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, "0").replace(/0$/, "")}`;
}

/** Integer fen → "1234.56" (for exports, not for display: display uses formatYuan). */
export function fenToYuanString(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
