import { idenfyAuth } from "@edgekyc/accounts";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { type PoaEnv, principalOf } from "../../app-env.ts";
import { revokeReviewer } from "../../domain/reviewer-keys.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { ReviewerIdParam, ReviewerView } from "./reviewer-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/api/v2/reviewers/{reviewerId}/revoke",
  tags: ["Reviewer keys"],
  summary: "Revoke a reviewer key",
  description: "The key stops working at once; its open claims return to the queue when their lease ends.",
  security: [{ idenfyBasic: [] }],
  middleware: [idenfyAuth()] as const,
  request: { params: ReviewerIdParam },
  responses: {
    200: {
      description: "Revoked (or already revoked).",
      content: { "application/json": { schema: ReviewerView } },
    },
    ...idenfyErrors(400, 401, 403, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) =>
  c.json(
    await revokeReviewer(c.var.services, principalOf(c).partnerId, c.req.valid("param").reviewerId),
    200,
  );
