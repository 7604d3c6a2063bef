import { edgekycKeyAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { and, asc, eq } from "drizzle-orm";
import * as schema from "../../db/schema.ts";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";
import { DeliveryIdParam, DeliveryWithAttempts } from "./delivery-schemas.ts";
import { selectDeliveries, toAttemptView, toDeliveryView } from "./delivery-view.ts";

const { deliveries, deliveryAttempts } = schema;

export const route = createRoute({
  method: "get",
  path: "/webhooks/v1/deliveries/{deliveryId}",
  tags: ["Deliveries"],
  summary: "Get a delivery with every attempt",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: { params: DeliveryIdParam },
  responses: {
    200: { description: "The delivery.", content: { "application/json": { schema: DeliveryWithAttempts } } },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const { deliveryId } = c.req.valid("param");
  const db = c.var.services.db;
  const [row] = await selectDeliveries(db).where(
    and(
      eq(deliveries.id, deliveryId),
      eq(deliveries.partnerId, principal.partnerId),
      eq(deliveries.mode, principal.mode),
    ),
  );
  // Another partner's delivery is indistinguishable from a missing one.
  if (!row) throw new ApiError("not_found", `delivery ${deliveryId} was not found`);
  const attempts = await db
    .select()
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.deliveryId, deliveryId))
    .orderBy(asc(deliveryAttempts.number));
  const cipher = c.var.services.cipher;
  return c.json(
    {
      ...toDeliveryView(row.delivery, row.event),
      attemptLog: await Promise.all(attempts.map((attempt) => toAttemptView(attempt, cipher))),
    },
    200,
  );
};
