import { adminAuth, PartnerSchema } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY, PartnerIdParam } from "../admin-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/admin/v1/partners/{partnerId}",
  tags: ["Admin: partners"],
  summary: "Get a partner",
  description: "An erased partner is still found, with `erasedAt` set.",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: { params: PartnerIdParam },
  responses: {
    200: { description: "The partner.", content: { "application/json": { schema: PartnerSchema } } },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId } = c.req.valid("param");
  const partner = await c.var.services.accounts.partners.get(partnerId);
  if (!partner) throw new ApiError("not_found", `partner ${partnerId} was not found`);
  return c.json(partner, 200);
};
