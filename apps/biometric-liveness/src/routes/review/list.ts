import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { LivenessEnv } from "../../liveness-env.ts";
import { reviewerAuth, reviewerOf } from "../../review/reviewer-keys.ts";
import { listReviews } from "../../review/reviews.ts";
import { Review } from "./review-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/biometric-liveness/v1/reviews",
  tags: ["Human review"],
  summary: "Provisional Smile ID results waiting for (or decided by) a human",
  security: [{ reviewerKey: [] }],
  middleware: [reviewerAuth()] as const,
  request: { query: z.object({ status: z.enum(["pending", "passed", "failed"]).default("pending") }) },
  responses: {
    200: {
      description: "Newest first, at most 100.",
      content: { "application/json": { schema: z.object({ data: z.array(Review) }) } },
    },
    ...errorResponses("edgekyc", 400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const data = await listReviews(c.var.services, reviewerOf(c), c.req.valid("query").status);
  return c.json({ data }, 200);
};
