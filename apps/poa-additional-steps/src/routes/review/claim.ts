import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { PoaEnv } from "../../app-env.ts";
import { reviewerAuth, reviewerOf } from "../../credentials.ts";
import { claimItem } from "../../domain/review-queue.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { ItemIdParam, ReviewItemSummary } from "./review-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/review/v1/items/{itemId}/claim",
  tags: ["Review"],
  summary: "Claim an item (or renew one's own claim)",
  description: "409 while another reviewer holds it.",
  middleware: [reviewerAuth] as const,
  request: { params: ItemIdParam },
  responses: {
    200: { description: "The item.", content: { "application/json": { schema: ReviewItemSummary } } },
    ...idenfyErrors(400, 401, 404, 409, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) =>
  c.json(await claimItem(c.var.services, reviewerOf(c), c.req.valid("param").itemId), 200);
