import { idenfyAuth } from "@edgekyc/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { originOf, type PoaEnv, principalOf } from "../../app-env.ts";
import { verificationStatus } from "../../domain/partner-actions.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { jsonBodyLimit } from "./token.ts";

export const route = createRoute({
  method: "post",
  path: "/api/v2/status",
  tags: ["Partner"],
  summary: "A verification's status",
  description:
    "Overall status, per-step statuses, fresh signed links to the files and additionalData with statuses.",
  security: [{ idenfyBasic: [] }],
  middleware: [jsonBodyLimit, idenfyAuth()] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ scanRef: z.string().min(1).max(64) }) } },
    },
  },
  responses: {
    200: {
      description: "The status.",
      content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
    },
    ...idenfyErrors(400, 401, 403, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const { scanRef } = c.req.valid("json");
  return c.json(
    await verificationStatus(c.var.services, principalOf(c).partnerId, scanRef, originOf(c)),
    200,
  );
};
