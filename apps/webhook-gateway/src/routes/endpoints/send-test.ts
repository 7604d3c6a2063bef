import { edgekycKeyAuth } from "@edgekyc/accounts";
import { errorResponses, newId } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { enqueueDeliveries } from "../../delivery/enqueue.ts";
import { recordEvent } from "../../delivery/ingest.ts";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";
import { requireEndpoint } from "./endpoint-rules.ts";
import { EndpointIdParam } from "./endpoint-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/webhooks/v1/endpoints/{endpointId}/test",
  tags: ["Webhook endpoints"],
  summary: "Send a signed test event to an endpoint",
  description:
    "Queues a `webhook.test` event for this endpoint, signed and retried like any delivery. Follow it with GET /webhooks/v1/deliveries/{deliveryId}.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: { params: EndpointIdParam },
  responses: {
    202: {
      description: "Queued.",
      content: { "application/json": { schema: z.object({ deliveryId: z.string(), eventId: z.string() }) } },
    },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const { endpointId } = c.req.valid("param");
  await requireEndpoint(c.var.services.webhookEndpoints, principal, endpointId);
  const eventId = newId("test");
  const outcome = await recordEvent(
    c.var.services,
    {
      specVersion: "1",
      eventId,
      partnerId: principal.partnerId,
      mode: principal.mode,
      capability: "webhook-gateway",
      type: "webhook.test",
      occurredAt: new Date().toISOString(),
      payload: {
        type: "webhook.test",
        eventId,
        endpointId,
        message:
          "This is a test event from EdgeKYC. Verify its Standard Webhooks signature with your secret.",
      },
      signatures: [],
    },
    { kind: "test", endpointId },
  );
  await enqueueDeliveries(c.var.services.deliveriesQueue, [outcome.deliveryId]);
  return c.json({ deliveryId: outcome.deliveryId, eventId }, 202);
};
