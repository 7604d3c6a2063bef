import { edgekycKeyAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";
import { EndpointIdParam } from "./endpoint-schemas.ts";

export const route = createRoute({
  method: "delete",
  path: "/webhooks/v1/endpoints/{endpointId}",
  tags: ["Webhook endpoints"],
  summary: "Delete a webhook endpoint",
  description: "Deliveries for its capability then go to the default endpoint, if any.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: { params: EndpointIdParam },
  responses: { 204: { description: "Deleted." }, ...errorResponses("edgekyc", 400, 401, 404, 429) },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const { endpointId } = c.req.valid("param");
  const deleted = await c.var.services.webhookEndpoints.delete(
    principal.partnerId,
    endpointId,
    principal.mode,
  );
  if (!deleted) throw new ApiError("not_found", `webhook endpoint ${endpointId} was not found`);
  return c.body(null, 204);
};
