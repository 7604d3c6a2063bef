import { ApiError } from "@edgekyc/platform";
import { adminAuth, getAccounts } from "@edgekyc/platform/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { problemResponses } from "../../partner-api.ts";
import { CapabilityParam } from "../admin-schemas.ts";

export const route = createRoute({
  method: "put",
  path: "/admin/v1/partners/{partnerId}/settings/{capability}",
  tags: ["Admin: settings"],
  summary: "Replace a capability's settings",
  description:
    "Omitted fields take their defaults. A wrong field is refused with 422 and its path in `errors`.",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    params: CapabilityParam,
    body: { required: true, content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
  },
  responses: {
    200: {
      description: "The stored settings.",
      content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
    },
    ...problemResponses(400, 401, 404, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId, capability } = c.req.valid("param");
  const accounts = await getAccounts(c.env);
  if (!(await accounts.getPartner(partnerId)))
    throw new ApiError("not_found", `partner ${partnerId} was not found`);
  const result = await accounts.putSettings(partnerId, capability, c.req.valid("json"));
  if (!result.ok) {
    const first = result.issues[0];
    throw new ApiError(
      "validation_failed",
      `invalid ${capability} settings: ${first?.path}: ${first?.message}`,
      {
        details: result.issues,
      },
    );
  }
  return c.json(result.settings as Record<string, unknown>, 200);
};
