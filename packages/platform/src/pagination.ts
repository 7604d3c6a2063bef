/** A page of a newest-first list whose ids sort by creation time; `nextCursor` is the last id shown. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells that another page exists. Queries
 * fetch `limit + 1` rows with `id < cursor`, newest first.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  idOf: (row: R) => string,
  view: (row: R) => T,
): Page<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(view), nextCursor: rows.length > limit && last !== undefined ? idOf(last) : null };
}
