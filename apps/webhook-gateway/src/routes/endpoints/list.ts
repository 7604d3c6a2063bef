import { edgekycKeyAuth, getAccounts } from "@edgekyc/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal, problemResponses } from "../partner-api.ts";
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
    ...problemResponses(401, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const accounts = await getAccounts(c.env);
  return c.json({ data: await accounts.listEndpoints(principal.partnerId, principal.mode) }, 200);
};
