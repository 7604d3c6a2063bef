import { edgekycKeyAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";
import { WebhookEndpoint } from "./endpoint-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/webhooks/v1/endpoints",
  tags: ["Webhook endpoints"],
  summary: "List webhook endpoints",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  responses: {
    200: {
      description: "The key's mode's endpoints.",
      content: { "application/json": { schema: z.object({ data: z.array(WebhookEndpoint) }) } },
    },
    ...errorResponses("edgekyc", 401, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const { webhookEndpoints } = c.var.services;
  return c.json({ data: await webhookEndpoints.list(principal.partnerId, principal.mode) }, 200);
};
