import { adminAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { ResultEventEnvelope } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../gateway-env.ts";

export const route = createRoute({
  method: "post",
  path: "/dev/results",
  tags: ["Development"],
  summary: "Enqueue result events as a capability would (development only)",
  description:
    "Sends the given envelopes to the kyc-results queue unchanged — invalid ones included, so the dead-letter path can be exercised. For local testing and benchmarks; admin token required.",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            events: z
              .array(z.unknown().openapi({ type: "object" }))
              .min(1)
              .max(100)
              .openapi({
                description: `Result envelopes (${ResultEventEnvelope.description ?? "see ResultEvent"}).`,
              }),
          }),
        },
      },
    },
  },
  responses: {
    202: {
      description: "Enqueued.",
      content: { "application/json": { schema: z.object({ enqueued: z.number().int() }) } },
    },
    ...errorResponses("edgekyc", 400, 401, 404, 413, 422),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { events } = c.req.valid("json");
  await c.var.services.resultsQueue.sendBatch(events.map((body) => ({ body })));
  return c.json({ enqueued: events.length }, 202);
};
