import { adminAuth } from "@edgekyc/platform/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { listDeadLetters } from "../../../delivery/dead-letters.ts";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { problemResponses } from "../../partner-api.ts";

const DeadLetter = z
  .object({
    id: z.string(),
    queue: z.string(),
    reason: z.string(),
    partnerId: z.string().nullable(),
    eventId: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("DeadLetter");

export const route = createRoute({
  method: "get",
  path: "/admin/v1/dead-letters",
  tags: ["Admin: dead letters"],
  summary: "Messages that could not be processed, with their reason",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z
        .string()
        .regex(/^dlq_[0-9a-z]{10,40}$/, "must be the nextCursor of a previous page")
        .optional(),
    }),
  },
  responses: {
    200: {
      description: "Newest first.",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(DeadLetter), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...problemResponses(400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { items, nextCursor } = await listDeadLetters(c.env, c.req.valid("query"));
  return c.json({ data: items, nextCursor }, 200);
};
