import { z } from "@hono/zod-openapi";
import { idPattern } from "./ids.ts";

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

/**
 * The query of a list route: `limit` (1-100) and `cursor` (the `nextCursor` of the previous page, an id
 * of `idPrefix`; ids sort by creation time). `.extend()` it with the route's filters.
 */
export function pageQuery(idPrefix: string, defaultLimit = 50) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
    cursor: z.string().regex(idPattern(idPrefix), "must be the nextCursor of a previous page").optional(),
  });
}

/** The 200 response of a list route: `{data: item[], nextCursor}`. */
export function pageResponse<T extends z.ZodType>(item: T, description: string) {
  return {
    200: {
      description: `${description} \`nextCursor\` is null on the last page.`,
      content: {
        "application/json": { schema: z.object({ data: z.array(item), nextCursor: z.string().nullable() }) },
      },
    },
  };
}
