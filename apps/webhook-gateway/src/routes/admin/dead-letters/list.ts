import { adminAuth } from "@edgekyc/accounts";
import { errorResponses, ID_PREFIXES, pageQuery, pageResponse } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { listDeadLetters } from "../../../delivery/dead-letters.ts";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY } from "../admin-schemas.ts";

const DeadLetter = z
  .object({
    id: z.string().openapi({ example: "dlq_01kbz3c6q4y8w2m5n7p9r1t3v5" }),
    queue: z.string().openapi({ example: "kyc-results" }),
    reason: z.string(),
    partnerId: z.string().nullable().openapi({ description: "When the message named one." }),
    eventId: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("DeadLetter");

export const route = createRoute({
  method: "get",
  path: "/admin/v1/dead-letters",
  tags: ["Admin: dead letters"],
  summary: "Messages that could not be processed, with their reason",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: {
    query: pageQuery(ID_PREFIXES.deadLetter, 50),
  },
  responses: {
    ...pageResponse(DeadLetter, "Newest first."),
    ...errorResponses("edgekyc", 400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { items, nextCursor } = await listDeadLetters(c.env, c.req.valid("query"));
  return c.json({ data: items, nextCursor }, 200);
};
