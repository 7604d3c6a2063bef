import { idenfyAuth } from "@edgekyc/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { type PoaEnv, principalOf } from "../../app-env.ts";
import { createReviewer } from "../../domain/reviewer-keys.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { jsonBodyLimit } from "../partner/token.ts";
import { ReviewerView } from "./reviewer-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/api/v2/reviewers",
  tags: ["Reviewer keys"],
  summary: "Create a reviewer key",
  description:
    "A key for one person of the partner's review team. It opens only the review API and page (queue, documents, decisions) of this partner; the key is shown only here.",
  security: [{ idenfyBasic: [] }],
  middleware: [jsonBodyLimit, idenfyAuth()] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ name: z.string().trim().min(1).max(100) }) } },
    },
  },
  responses: {
    201: {
      description: "Created.",
      content: { "application/json": { schema: ReviewerView.extend({ apiKey: z.string() }) } },
    },
    ...idenfyErrors(400, 401, 403, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const { name } = c.req.valid("json");
  return c.json(await createReviewer(c.var.services, principalOf(c).partnerId, name), 201);
};
