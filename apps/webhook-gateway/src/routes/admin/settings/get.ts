import { adminAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY, activePartner, CapabilityParam } from "../admin-schemas.ts";
import { AnyCapabilitySettings } from "./capability-settings.ts";

export const route = createRoute({
  method: "get",
  path: "/admin/v1/partners/{partnerId}/settings/{capability}",
  tags: ["Admin: settings"],
  summary: "Read a capability's settings",
  description: "Defaults fill whatever the partner has not set.",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: { params: CapabilityParam },
  responses: {
    200: { description: "The settings.", content: { "application/json": { schema: AnyCapabilitySettings } } },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId, capability } = c.req.valid("param");
  const { accounts } = c.var.services;
  await activePartner(accounts, partnerId);
  return c.json(await accounts.settings.get(partnerId, capability), 200);
};
