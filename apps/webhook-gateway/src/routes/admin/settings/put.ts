import { adminAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY, activePartner, CapabilityParam } from "../admin-schemas.ts";
import { AnyCapabilitySettings, SettingsBody } from "./capability-settings.ts";

export const route = createRoute({
  method: "put",
  path: "/admin/v1/partners/{partnerId}/settings/{capability}",
  tags: ["Admin: settings"],
  summary: "Replace a capability's settings",
  description:
    "Validated against the capability's schema; omitted fields take their defaults. A wrong or unknown field is refused with 422 and its dotted path in `errors`.",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: {
    params: CapabilityParam,
    body: { required: true, content: { "application/json": { schema: SettingsBody } } },
  },
  responses: {
    200: {
      description: "The settings now in force.",
      content: { "application/json": { schema: AnyCapabilitySettings } },
    },
    ...errorResponses("edgekyc", 400, 401, 404, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId, capability } = c.req.valid("param");
  const { accounts } = c.var.services;
  await activePartner(accounts, partnerId);
  const result = await accounts.settings.put(partnerId, capability, c.req.valid("json"));
  if (!result.ok) {
    const named = result.issues.slice(0, 3).map((issue) => `${issue.path}: ${issue.message}`);
    throw new ApiError("validation_failed", `invalid ${capability} settings: ${named.join("; ")}`, {
      details: result.issues,
    });
  }
  c.var.log.info("settings changed", { partnerId, capability });
  return c.json(result.settings, 200);
};
