import { idenfyAuth } from "@edgekyc/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { type PoaEnv, principalOf } from "../../app-env.ts";
import { listReviewers } from "../../domain/reviewer-keys.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { ReviewerView } from "./reviewer-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/api/v2/reviewers",
  tags: ["Reviewer keys"],
  summary: "List reviewer keys",
  security: [{ idenfyBasic: [] }],
  middleware: [idenfyAuth()] as const,
  responses: {
    200: {
      description: "Newest first.",
      content: { "application/json": { schema: z.object({ data: z.array(ReviewerView) }) } },
    },
    ...idenfyErrors(401, 403, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) =>
  c.json({ data: await listReviewers(c.var.services, principalOf(c).partnerId) }, 200);
