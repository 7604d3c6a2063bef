import { adminAuth, getAccounts } from "@edgekyc/accounts";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY, activePartner, CapabilityParam, problemResponses } from "../admin-schemas.ts";
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
    ...problemResponses(400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId, capability } = c.req.valid("param");
  const accounts = await getAccounts(c.env);
  await activePartner(accounts, partnerId);
  return c.json(await accounts.getSettings(partnerId, capability), 200);
};
