// Yuan ↔ fen for form fields, without zod, so client components can import it cheaply.

/**
 * A yuan amount typed in a form ("12", "12.5", "1,234.56") → integer fen, exactly (no float rounding). Anything that is
 * not such an amount is handed on unchanged, so the fen schema reports it as invalid on the field.
 */
export function yuanToFen(value: FormDataEntryValue | null | undefined): unknown {
  if (typeof value !== "string") return value ?? undefined;
  const text = value.trim().replace(/[,，\s]/g, "").replace(/^[¥￥]/, "");
  if (text === "") return undefined;
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return text;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** Integer fen → the yuan text a form field shows ("1234.5" for 123450). */
export function fenToYuanInput(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, "0").replace(/0$/, "")}`;
}
