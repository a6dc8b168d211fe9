// Yuan ↔ fen, without zod, so client components can import it cheaply. The schemas (fenSchema, yuanSchema) live
// in ./primitives.

/**
 * A yuan amount typed in a form or a spreadsheet ("12", "-12.5", "1,234.56", "¥12.30") → integer fen, exactly (no
 * float rounding). Blank → undefined. Anything that is not such an amount is handed back unchanged, so the schema
 * reports it on the field.
 */
export function yuanToFen(value: FormDataEntryValue | null | undefined): unknown {
  if (typeof value !== "string") return value ?? undefined;
  const text = value.trim().replace(/[,，\s]/g, "").replace(/^([-−]?)[¥￥]/, "$1");
  if (text === "") return undefined;
  const match = /^([-−])?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
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
