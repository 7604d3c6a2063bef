import { adminAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { deleteIdentities } from "../../authority/identities.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { developmentOnly } from "./development-only.ts";
import { PartnerParam } from "./identity-schemas.ts";

export const route = createRoute({
  method: "delete",
  path: "/dev/biometric-liveness/partners/{partnerId}/id-authority/identities/{identityId}",
  tags: ["Sandbox ID authority (development)"],
  summary: "Delete a sandbox test identity",
  security: [{ adminToken: [] }],
  middleware: [developmentOnly(), adminAuth()] as const,
  request: {
    params: PartnerParam.extend({
      identityId: z
        .string()
        .regex(/^sid_[0-9a-z]{26}$/, "must be an identity id")
        .openapi({ param: { name: "identityId", in: "path" } }),
    }),
  },
  responses: { 204: { description: "Deleted." }, ...errorResponses("edgekyc", 400, 401, 404) },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { partnerId, identityId } = c.req.valid("param");
  if ((await deleteIdentities(c.var.services, partnerId, identityId)) === 0) {
    throw new ApiError("not_found", `no identity ${identityId}`);
  }
  return c.body(null, 204);
};
