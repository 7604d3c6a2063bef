import { edgekycKeyAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { enqueueDeliveries } from "../../delivery/enqueue.ts";
import { BULK_REPLAY_LIMIT, reopenDeliveriesSince } from "../../delivery/replay.ts";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";

export const route = createRoute({
  method: "post",
  path: "/webhooks/v1/deliveries/replay",
  tags: ["Deliveries"],
  summary: "Replay every failed delivery since a time",
  description: `Reopens up to ${BULK_REPLAY_LIMIT} deliveries per call, oldest first; \`more\` says whether to call again.`,
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              since: z.iso.datetime({ offset: true }).openapi({ example: "2026-11-01T00:00:00Z" }),
              status: z.enum(["failed", "succeeded"]).default("failed"),
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    202: {
      description: "The deliveries are queued.",
      content: {
        "application/json": {
          schema: z.object({
            replayed: z.number().int(),
            deliveryIds: z.array(z.string()),
            more: z.boolean(),
          }),
        },
      },
    },
    ...errorResponses("edgekyc", 400, 401, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const body = c.req.valid("json");
  const { ids, more } = await reopenDeliveriesSince(
    c.var.services.db,
    principal,
    { since: Date.parse(body.since), status: body.status },
    Date.now(),
  );
  await enqueueDeliveries(c.var.services.deliveriesQueue, ids);
  return c.json({ replayed: ids.length, deliveryIds: ids, more }, 202);
};
