import { edgekycKeyAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { eraseEvent } from "../../delivery/erasure.ts";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";

export const route = createRoute({
  method: "delete",
  path: "/webhooks/v1/events/{eventId}",
  tags: ["Events"],
  summary: "Erase an event's personal data",
  description:
    "Erases the stored payload (and its R2 object), the session's webhook URL and the receivers' answers of one event — for a data subject's erasure request. Delivery history (statuses, timings) stays. Pending deliveries of the event stop. Payloads are also erased automatically once a delivery has finished and WEBHOOK_PAYLOAD_RETENTION_DAYS have passed.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: {
    params: z.object({
      eventId: z
        .string()
        .regex(/^[A-Za-z0-9_.:-]{1,128}$/, "must be an event id")
        .openapi({ param: { name: "eventId", in: "path" } }),
    }),
  },
  responses: {
    204: { description: "Erased." },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const { eventId } = c.req.valid("param");
  const erased = await eraseEvent(c.var.services.db, c.var.services.uploads, principal, eventId, Date.now());
  if (!erased) throw new ApiError("not_found", `event ${eventId} was not found`);
  return c.body(null, 204);
};
