import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { LivenessEnv } from "../../liveness-env.ts";
import { reviewerAuth, reviewerOf } from "../../review/reviewer-keys.ts";
import { getReview } from "../../review/reviews.ts";
import { baseUrlOf } from "../smile/smile-schemas.ts";
import { JobIdParam, Review } from "./review-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/biometric-liveness/v1/reviews/{smileJobId}",
  tags: ["Human review"],
  summary: "A review with the provisional result and links to the images",
  security: [{ reviewerKey: [] }],
  middleware: [reviewerAuth()] as const,
  request: { params: JobIdParam },
  responses: {
    200: { description: "The review.", content: { "application/json": { schema: Review } } },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const services = c.var.services;
  const review = await getReview(
    services,
    reviewerOf(c),
    c.req.valid("param").smileJobId,
    baseUrlOf(c, services.config.PUBLIC_BASE_URL),
  );
  return c.json(review as never, 200);
};
