import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { originOf, type PoaEnv } from "../../app-env.ts";
import { reviewerAuth, reviewerOf } from "../../credentials.ts";
import { COMPARE_STATUSES } from "../../db/schema.ts";
import { decideItem } from "../../domain/review-queue.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { jsonBodyLimit } from "../partner/token.ts";
import { ItemIdParam, ReviewItemSummary } from "./review-schemas.ts";

const Decision = z
  .union([
    z.strictObject({ status: z.enum(COMPARE_STATUSES) }),
    z.strictObject({ values: z.record(z.string(), z.string().trim().max(1000).nullable()) }),
  ])
  .openapi("ReviewDecision", { example: { status: "MATCH" } });

export const route = createRoute({
  method: "post",
  path: "/review/v1/items/{itemId}/decision",
  tags: ["Review"],
  summary: "Decide an item",
  description:
    "COMPARE: `{status}` (MATCH, NOT_MATCH, NOT_FOUND; NO_DATA when there is no additionalData). EXTRACT: `{values}` with every field (null when unreadable). The last decision of a verification sends its final callback.",
  middleware: [jsonBodyLimit, reviewerAuth] as const,
  request: {
    params: ItemIdParam,
    body: { required: true, content: { "application/json": { schema: Decision } } },
  },
  responses: {
    200: { description: "Decided.", content: { "application/json": { schema: ReviewItemSummary } } },
    ...idenfyErrors(400, 401, 404, 409, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) =>
  c.json(
    await decideItem(
      c.var.services,
      reviewerOf(c),
      c.req.valid("param").itemId,
      c.req.valid("json"),
      originOf(c),
    ),
    200,
  );
