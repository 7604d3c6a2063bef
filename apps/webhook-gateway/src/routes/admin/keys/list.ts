import { ApiKeySchema, adminAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY, PartnerIdParam } from "../admin-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/admin/v1/partners/{partnerId}/keys",
  tags: ["Admin: keys"],
  summary: "List a partner's keys (never their secrets)",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: { params: PartnerIdParam },
  responses: {
    200: {
      description: "Every key, active, expired or revoked, oldest first.",
      content: { "application/json": { schema: z.object({ data: z.array(ApiKeySchema) }) } },
    },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId } = c.req.valid("param");
  const { accounts } = c.var.services;
  if (!(await accounts.partners.get(partnerId)))
    throw new ApiError("not_found", `partner ${partnerId} was not found`);
  return c.json({ data: await accounts.keys.list(partnerId) }, 200);
};
