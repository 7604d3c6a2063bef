import { edgekycKeyAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ReceiptsEnv } from "../../receipts-env.ts";
import { partnerPrincipal } from "../partner/receipt-view.ts";

export const route = createRoute({
  method: "post",
  path: "/dev/receipts/requests",
  tags: ["Development"],
  summary: "Enqueue receipt requests as a capability would (development only)",
  description:
    "Sends the given messages to the kyc-receipts queue with the caller's partnerId and mode filled in, otherwise unchanged (invalid ones included, so the dead-letter path can be tried). For local experiments with `npm run kyc -- receipt`.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            messages: z.array(z.record(z.string(), z.unknown())).min(1).max(20).openapi({
              description: "ReceiptQueueMessage objects (issue or revoke) without partnerId and mode.",
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
    ...errorResponses("edgekyc", 400, 401, 403, 404, 413, 422),
  },
});

export const handler: RouteHandler<typeof route, ReceiptsEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const { messages } = c.req.valid("json");
  await c.env.RECEIPTS.sendBatch(
    messages.map((message) => ({
      body: {
        ...message,
        partnerId: principal.partnerId,
        ...(message.kind === "issue" ? { mode: principal.mode } : {}),
      },
    })),
  );
  return c.json({ enqueued: messages.length }, 202);
};
