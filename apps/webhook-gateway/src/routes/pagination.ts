import { z } from "@hono/zod-openapi";

/** `limit` and `cursor` (the id of the last item of the previous page; ids sort by creation time). */
export function pageQuery(idPrefix: string, defaultLimit = 50) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
    cursor: z
      .string()
      .regex(new RegExp(`^${idPrefix}_[0-9a-z]{26}$`), "must be the nextCursor of a previous page")
      .optional(),
  });
}

/** The 200 response of a list route: a page of `item`s and the cursor of the next one. */
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
