import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { PoaEnv } from "../../app-env.ts";
import { reviewerAuth, reviewerOf } from "../../credentials.ts";
import { itemDetail } from "../../domain/review-queue.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { ItemIdParam, ReviewItemSummary } from "./review-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/review/v1/items/{itemId}",
  tags: ["Review"],
  summary: "An item to decide",
  description:
    "Only for the reviewer holding the claim: the step's instructions and fields, the partner's additionalData and the document's metadata.",
  middleware: [reviewerAuth] as const,
  request: { params: ItemIdParam },
  responses: {
    200: {
      description: "The item.",
      content: {
        "application/json": {
          schema: ReviewItemSummary.extend({
            clientId: z.string(),
            instructions: z.object({ name: z.string(), description: z.string() }).nullable(),
            fields: z.array(z.string()),
            additionalData: z.record(z.string(), z.string()),
            document: z
              .object({
                contentType: z.string(),
                size: z.number(),
                documentType: z.string().nullable(),
                source: z.string(),
              })
              .nullable(),
          }),
        },
      },
    },
    ...idenfyErrors(400, 401, 404, 409, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) =>
  c.json(await itemDetail(c.var.services, reviewerOf(c), c.req.valid("param").itemId), 200);
