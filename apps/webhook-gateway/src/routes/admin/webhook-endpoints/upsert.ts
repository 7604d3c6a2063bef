import { adminAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { CAPABILITIES, MODES } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { checkEndpointUrl } from "../../../delivery/ssrf-guard.ts";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { WebhookEndpoint, WebhookEndpointWithSecret } from "../../endpoints/endpoint-schemas.ts";
import { ADMIN_SECURITY, activePartner, PartnerIdParam } from "../admin-schemas.ts";

const UpsertEndpointBody = z
  .strictObject({
    mode: z.enum(MODES),
    capability: z.enum(CAPABILITIES).nullable().default(null).openapi({
      description: "The capability whose events go here; null or absent: the default endpoint.",
    }),
    url: z.string().max(2048).openapi({
      example: "https://hooks.example.com/edgekyc",
      description: "https; test mode outside production also allows http and localhost.",
    }),
  })
  .openapi("UpsertWebhookEndpointRequest");

export const route = createRoute({
  method: "put",
  path: "/admin/v1/partners/{partnerId}/webhook-endpoints",
  tags: ["Admin: webhook endpoints"],
  summary: "Set a partner's default or capability webhook endpoint",
  description:
    "Creates the endpoint for (mode, capability-or-default) with a new signing secret (201), or changes the URL of the one there is and re-enables it (200). URLs pointing into private networks are refused (SSRF guard).",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: {
    params: PartnerIdParam,
    body: { required: true, content: { "application/json": { schema: UpsertEndpointBody } } },
  },
  responses: {
    200: { description: "Updated.", content: { "application/json": { schema: WebhookEndpoint } } },
    201: {
      description: "Created; the secret is shown only now.",
      content: { "application/json": { schema: WebhookEndpointWithSecret } },
    },
    ...errorResponses("edgekyc", 400, 401, 404, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId } = c.req.valid("param");
  const { mode, capability, url } = c.req.valid("json");
  const check = checkEndpointUrl(url, mode, c.var.services.settings.ENVIRONMENT);
  if (!check.ok) {
    throw new ApiError("validation_failed", `url: ${check.reason}`, {
      details: [{ path: "url", message: check.reason }],
    });
  }
  const { accounts, webhookEndpoints } = c.var.services;
  await activePartner(accounts, partnerId);
  const result = await webhookEndpoints.upsert(partnerId, mode, capability, check.url.toString());
  c.var.log.info(result.created ? "webhook endpoint created" : "webhook endpoint changed", {
    partnerId,
    endpointId: result.endpoint.id,
    mode,
    capability,
  });
  if (result.created) return c.json({ ...result.endpoint, secret: result.secret }, 201);
  return c.json(result.endpoint, 200);
};
