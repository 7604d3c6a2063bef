import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { PoaEnv } from "../../app-env.ts";
import { reviewerAuth, reviewerOf } from "../../credentials.ts";
import { releaseItem } from "../../domain/review-queue.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { ItemIdParam, ReviewItemSummary } from "./review-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/review/v1/items/{itemId}/release",
  tags: ["Review"],
  summary: "Release one's claim on an item",
  description: "The item returns to the queue; 409 when another reviewer holds it.",
  middleware: [reviewerAuth] as const,
  request: { params: ItemIdParam },
  responses: {
    200: { description: "The item.", content: { "application/json": { schema: ReviewItemSummary } } },
    ...idenfyErrors(400, 401, 404, 409, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) =>
  c.json(await releaseItem(c.var.services, reviewerOf(c), c.req.valid("param").itemId), 200);
