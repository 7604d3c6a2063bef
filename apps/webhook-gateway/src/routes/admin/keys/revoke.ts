import { ApiError } from "@edgekyc/platform";
import { adminAuth, getAccounts } from "@edgekyc/platform/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { problemResponses } from "../../partner-api.ts";
import { ApiKey, PartnerIdParam } from "../admin-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/admin/v1/partners/{partnerId}/keys/{keyId}/revoke",
  tags: ["Admin: keys"],
  summary: "Revoke a key now",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    params: PartnerIdParam.extend({
      keyId: z
        .string()
        .regex(/^key_[0-9a-z]{10,40}$/, "must be a key id (key_…)")
        .openapi({ param: { name: "keyId", in: "path" } }),
    }),
  },
  responses: {
    200: { description: "The revoked key.", content: { "application/json": { schema: ApiKey } } },
    ...problemResponses(400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId, keyId } = c.req.valid("param");
  const key = await (await getAccounts(c.env)).revokeKey(partnerId, keyId);
  if (!key) throw new ApiError("not_found", `key ${keyId} of partner ${partnerId} was not found`);
  c.get("log").info("key revoked", { partnerId, keyId });
  return c.json(key, 200);
};
