import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { LivenessEnv } from "../../liveness-env.ts";
import { reviewerAuth, reviewerOf } from "../../review/reviewer-keys.ts";
import { decideReview } from "../../review/reviews.ts";
import { Decision, JobIdParam, Review } from "./review-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/biometric-liveness/v1/reviews/{smileJobId}/decision",
  tags: ["Human review"],
  summary: "Pass or fail a provisional result; the final callback follows",
  security: [{ reviewerKey: [] }],
  middleware: [reviewerAuth()] as const,
  request: {
    params: JobIdParam,
    body: { required: true, content: { "application/json": { schema: Decision } } },
  },
  responses: {
    200: { description: "Decided; the final result.", content: { "application/json": { schema: Review } } },
    ...errorResponses("edgekyc", 400, 401, 404, 409, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const decided = await decideReview(
    c.var.services,
    reviewerOf(c),
    c.req.valid("param").smileJobId,
    c.req.valid("json").decision,
  );
  return c.json(decided as never, 200);
};
