import { adminAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { LivenessEnv } from "../../liveness-env.ts";
import { revokeReviewerKey } from "../../review/reviewer-keys.ts";
import { PartnerParam } from "./reviewer-keys-create.ts";

export const route = createRoute({
  method: "delete",
  path: "/biometric-liveness/v1/admin/partners/{partnerId}/reviewer-keys/{keyId}",
  tags: ["Human review"],
  summary: "Revoke a reviewer key (admin)",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    params: PartnerParam.extend({
      keyId: z
        .string()
        .regex(/^rvw_[0-9a-z]{16}$/, "must be a reviewer key id")
        .openapi({ param: { name: "keyId", in: "path" } }),
    }),
  },
  responses: { 204: { description: "Revoked." }, ...errorResponses("edgekyc", 400, 401, 404) },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { partnerId, keyId } = c.req.valid("param");
  if (!(await revokeReviewerKey(c.var.services, partnerId, keyId)))
    throw new ApiError("not_found", `no active reviewer key ${keyId}`);
  return c.body(null, 204);
};
