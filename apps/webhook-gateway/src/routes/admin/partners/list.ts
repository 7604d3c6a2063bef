import { adminAuth, getAccounts, PartnerSchema } from "@edgekyc/platform/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY, problemResponses } from "../admin-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/admin/v1/partners",
  tags: ["Admin: partners"],
  summary: "List partners, newest first",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z
        .string()
        .regex(/^ptn_[0-9a-z]{26}$/, "must be the nextCursor of a previous page")
        .optional(),
    }),
  },
  responses: {
    200: {
      description: "A page of partners; `nextCursor` is null on the last page.",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(PartnerSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...problemResponses(400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { items, nextCursor } = await (await getAccounts(c.env)).listPartners(c.req.valid("query"));
  return c.json({ data: items, nextCursor }, 200);
};
