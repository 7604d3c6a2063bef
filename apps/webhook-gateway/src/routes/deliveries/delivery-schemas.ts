import { ID_PREFIXES, idParam } from "@edgekyc/platform";
import { z } from "@hono/zod-openapi";
import { ATTEMPT_OUTCOMES, DELIVERY_STATUSES } from "../../db/schema.ts";

export const DeliveryStatus = z.enum(DELIVERY_STATUSES).openapi("DeliveryStatus", {
  description:
    "pending: waiting for its first attempt or a replay; retrying: an attempt failed and another is scheduled; succeeded: a 2xx was received; failed: the schedule is exhausted, the receiver answered 410, or no endpoint could take it. Failed and succeeded deliveries can be replayed.",
});

export const DeliveryAttempt = z
  .object({
    number: z.number().int(),
    endpointId: z.string().nullable(),
    startedAt: z.iso.datetime(),
    durationMs: z.number().int(),
    outcome: z.enum(ATTEMPT_OUTCOMES),
    statusCode: z.number().int().nullable(),
    error: z.string().nullable(),
    response: z
      .object({ body: z.string(), truncated: z.boolean() })
      .nullable()
      .openapi({ description: "First KiB of the receiver's answer." }),
  })
  .openapi("DeliveryAttempt");

export const Delivery = z
  .object({
    id: z.string().openapi({ example: "dlv_01JD3Z6Q4Y8W2M5N7P9R1T3V5X" }),
    eventId: z.string().openapi({ description: "The event id, sent as the `webhook-id` header." }),
    eventType: z.string().openapi({ example: "nfc.session.completed" }),
    capability: z.string(),
    mode: z.enum(["test", "live"]),
    kind: z.enum(["event", "test"]),
    status: DeliveryStatus,
    attempts: z.number().int(),
    replays: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastAttemptAt: z.iso.datetime().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    endpointId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Delivery");

export const DeliveryWithAttempts = Delivery.extend({ attemptLog: z.array(DeliveryAttempt) }).openapi(
  "DeliveryWithAttempts",
);

export const DeliveryIdParam = idParam("deliveryId", ID_PREFIXES.delivery, "delivery");
