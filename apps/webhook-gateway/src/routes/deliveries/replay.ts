import { edgekycKeyAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { enqueueDeliveries } from "../../delivery/enqueue.ts";
import { reopenDelivery } from "../../delivery/replay.ts";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";
import { DeliveryIdParam } from "./delivery-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/webhooks/v1/deliveries/{deliveryId}/replay",
  tags: ["Deliveries"],
  summary: "Replay one delivery",
  description:
    "Sends a failed or succeeded delivery again, with a fresh retry schedule and the same `webhook-id`, so receivers that deduplicate keep doing so. A delivery that is still pending or retrying is refused with 409, unless its due time passed more than 30 s ago with no attempt under way (its queue message was lost, e.g. by a restart): that one is sent again.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: { params: DeliveryIdParam },
  responses: {
    202: {
      description: "The delivery is queued.",
      content: { "application/json": { schema: z.object({ id: z.string(), status: z.literal("pending") }) } },
    },
    ...errorResponses("edgekyc", 400, 401, 404, 409, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const { deliveryId } = c.req.valid("param");
  const result = await reopenDelivery(c.var.services.db, principal, deliveryId, Date.now());
  if (!result.ok) {
    if (result.reason === "not_found")
      throw new ApiError("not_found", `delivery ${deliveryId} was not found`);
    throw new ApiError("conflict", `delivery ${deliveryId} is already scheduled; wait for it to finish`);
  }
  await enqueueDeliveries(c.var.services.deliveriesQueue, [deliveryId]);
  return c.json({ id: deliveryId, status: "pending" as const }, 202);
};
