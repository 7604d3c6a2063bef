import { adminAuth, getAccounts, PartnerSchema } from "@edgekyc/accounts";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { pageQuery, pageResponse } from "../../pagination.ts";
import { ADMIN_SECURITY, problemResponses } from "../admin-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/admin/v1/partners",
  tags: ["Admin: partners"],
  summary: "List partners, newest first",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: {
    query: pageQuery("ptn", 50),
  },
  responses: {
    ...pageResponse(PartnerSchema, "A page of partners, newest first."),
    ...problemResponses(400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { items, nextCursor } = await (await getAccounts(c.env)).listPartners(c.req.valid("query"));
  return c.json({ data: items, nextCursor }, 200);
};
