import { ApiError } from "@edgekyc/platform";
import { ApiKeySchema, adminAuth, getAccounts } from "@edgekyc/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY, PartnerIdParam, problemResponses } from "../admin-schemas.ts";

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
    ...problemResponses(400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId } = c.req.valid("param");
  const accounts = await getAccounts(c.env);
  if (!(await accounts.getPartner(partnerId)))
    throw new ApiError("not_found", `partner ${partnerId} was not found`);
  return c.json({ data: await accounts.listKeys(partnerId) }, 200);
};
