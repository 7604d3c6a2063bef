import { ApiError } from "@edgekyc/platform";
import { adminAuth, getAccounts } from "@edgekyc/platform/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { problemResponses } from "../../partner-api.ts";
import { CapabilityParam } from "../admin-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/admin/v1/partners/{partnerId}/settings/{capability}",
  tags: ["Admin: settings"],
  summary: "Read a capability's settings (defaults where unset)",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: { params: CapabilityParam },
  responses: {
    200: {
      description: "The settings; the schema per capability is `CapabilitySettings` in packages/schemas.",
      content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
    },
    ...problemResponses(400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId, capability } = c.req.valid("param");
  const accounts = await getAccounts(c.env);
  if (!(await accounts.getPartner(partnerId)))
    throw new ApiError("not_found", `partner ${partnerId} was not found`);
  return c.json((await accounts.getSettings(partnerId, capability)) as Record<string, unknown>, 200);
};
