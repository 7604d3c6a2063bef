import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { PoaEnv } from "../../app-env.ts";
import { reviewerAuth, reviewerOf } from "../../credentials.ts";
import { listQueue } from "../../domain/review-queue.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { ReviewItemSummary } from "./review-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/review/v1/queue",
  tags: ["Review"],
  summary: "The review queue, oldest first",
  description:
    "Reviewer key as Authorization: Bearer rvk_…. Lists open items of the key's partner; no personal data.",
  middleware: [reviewerAuth] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }) },
  responses: {
    200: {
      description: "Open items.",
      content: { "application/json": { schema: z.object({ data: z.array(ReviewItemSummary) }) } },
    },
    ...idenfyErrors(400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) =>
  c.json({ data: await listQueue(c.var.services, reviewerOf(c), c.req.valid("query").limit) }, 200);
