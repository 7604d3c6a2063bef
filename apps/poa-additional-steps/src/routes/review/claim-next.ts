import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { PoaEnv } from "../../app-env.ts";
import { reviewerAuth, reviewerOf } from "../../credentials.ts";
import { claimNext } from "../../domain/review-queue.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { ReviewItemSummary } from "./review-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/review/v1/queue/claim",
  tags: ["Review"],
  summary: "Claim the oldest open item",
  description: "Atomic: two reviewers never get the same item. The claim is a lease of REVIEW_CLAIM_SECONDS.",
  middleware: [reviewerAuth] as const,
  responses: {
    200: { description: "Claimed.", content: { "application/json": { schema: ReviewItemSummary } } },
    204: { description: "The queue is empty." },
    ...idenfyErrors(401, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const item = await claimNext(c.var.services, reviewerOf(c));
  return item ? c.json(item, 200) : c.body(null, 204);
};
