/** Search params as plain strings (the first of repeated values). */
export function flatParams(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** The same list with some params changed ("" or undefined drops one): filters live in the URL, so links keep them. */
export function hrefWith(path: string, params: Record<string, string | undefined>, changes: Record<string, string | number | undefined> = {}): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...changes })) if (v !== undefined && v !== "") next.set(k, String(v));
  const qs = next.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Keeps only the listed keys (the filters a page understands). */
export function pick(params: Record<string, string | undefined>, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((k) => [k, params[k]]));
}
