import { edgekycKeyAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";
import { requireEndpoint } from "./endpoint-rules.ts";
import { EndpointIdParam, WebhookEndpoint } from "./endpoint-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/webhooks/v1/endpoints/{endpointId}",
  tags: ["Webhook endpoints"],
  summary: "Get a webhook endpoint",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: { params: EndpointIdParam },
  responses: {
    200: { description: "The endpoint.", content: { "application/json": { schema: WebhookEndpoint } } },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const { endpointId } = c.req.valid("param");
  const endpoint = await requireEndpoint(c.var.services.webhookEndpoints, principal, endpointId);
  return c.json(endpoint, 200);
};
