import { adminAuth, PartnerSchema } from "@edgekyc/accounts";
import { errorResponses, ID_PREFIXES, pageQuery, pageResponse } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY } from "../admin-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/admin/v1/partners",
  tags: ["Admin: partners"],
  summary: "List partners, newest first",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: {
    query: pageQuery(ID_PREFIXES.partner, 50),
  },
  responses: {
    ...pageResponse(PartnerSchema, "A page of partners, newest first."),
    ...errorResponses("edgekyc", 400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { items, nextCursor } = await c.var.services.accounts.partners.list(c.req.valid("query"));
  return c.json({ data: items, nextCursor }, 200);
};
