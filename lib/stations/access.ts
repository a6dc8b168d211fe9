export const PAGE_SIZE = 50;

/** skip/take for a 1-based page. */
export function pageArgs(page: number | undefined, size = PAGE_SIZE) {
  const p = page ?? 1;
  return { page: p, skip: (p - 1) * size, take: size, pageSize: size };
}
