import { ApiKeySchema, adminAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY, KeyIdParam } from "../admin-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/admin/v1/partners/{partnerId}/keys/{keyId}/revoke",
  tags: ["Admin: keys"],
  summary: "Revoke a key now",
  description:
    "Takes effect at once in the isolate that handles this request and within 30 s everywhere (key lookup cache). Revoking twice keeps the first time.",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: { params: KeyIdParam },
  responses: {
    200: { description: "The revoked key.", content: { "application/json": { schema: ApiKeySchema } } },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId, keyId } = c.req.valid("param");
  const key = await c.var.services.accounts.keys.revoke(partnerId, keyId);
  if (!key) throw new ApiError("not_found", `key ${keyId} of partner ${partnerId} was not found`);
  c.var.log.info("key revoked", { partnerId, keyId });
  return c.json(key, 200);
};
