import { adminAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { LivenessEnv } from "../../liveness-env.ts";
import { issueReviewerKey } from "../../review/reviewer-keys.ts";
import { ReviewerKey } from "./review-schemas.ts";

export const PartnerParam = z.object({
  partnerId: z
    .string()
    .regex(/^ptn_[0-9a-z]{26}$/, "must be a partner id")
    .openapi({ param: { name: "partnerId", in: "path" } }),
});

export const route = createRoute({
  method: "post",
  path: "/biometric-liveness/v1/admin/partners/{partnerId}/reviewer-keys",
  tags: ["Human review"],
  summary: "Issue a reviewer key for a partner (admin)",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    params: PartnerParam,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.strictObject({
            label: z.string().regex(/^[A-Za-z0-9 _.-]{1,64}$/, "1-64 of A-Z a-z 0-9 space _ . -"),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: "The key (shown once).", content: { "application/json": { schema: ReviewerKey } } },
    ...errorResponses("edgekyc", 400, 401, 404, 415, 422),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { partnerId } = c.req.valid("param");
  const services = c.var.services;
  if (!(await services.accounts.partners.getActive(partnerId)))
    throw new ApiError("not_found", `partner ${partnerId} not found`);
  return c.json(await issueReviewerKey(services, partnerId, c.req.valid("json").label), 201);
};
