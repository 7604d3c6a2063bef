import { ApiKeySchema, adminAuth, PartialCredentialsSchema } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { DIALECTS, MODES } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY, GraceSeconds, PartnerIdParam } from "../admin-schemas.ts";

const RotateKeysBody = z
  .strictObject({
    dialect: z.enum(DIALECTS),
    mode: z.enum(MODES),
    graceSeconds: GraceSeconds,
  })
  .openapi("RotateKeysRequest");

export const route = createRoute({
  method: "post",
  path: "/admin/v1/partners/{partnerId}/keys/rotate",
  tags: ["Admin: keys"],
  summary: "Issue new credentials for one dialect and mode",
  description:
    "The dialect's active keys of that mode keep working for `graceSeconds` (default 24 h), then expire. Also issues a mode's first keys (e.g. `live`).",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: {
    params: PartnerIdParam,
    body: { required: true, content: { "application/json": { schema: RotateKeysBody } } },
  },
  responses: {
    201: {
      description: "The new key and its credentials, keyed by dialect (shown only now).",
      content: {
        "application/json": {
          schema: z.object({ key: ApiKeySchema, credentials: PartialCredentialsSchema }),
        },
      },
    },
    ...errorResponses("edgekyc", 400, 401, 404, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId } = c.req.valid("param");
  const { dialect, mode, graceSeconds } = c.req.valid("json");
  const rotated = await c.var.services.accounts.keys.rotate(partnerId, dialect, mode, graceSeconds);
  if (!rotated) throw new ApiError("not_found", `partner ${partnerId} was not found`);
  c.var.log.info("keys rotated", { partnerId, keyId: rotated.key.id, dialect, mode, graceSeconds });
  return c.json({ key: rotated.key, credentials: { [dialect]: rotated.credentials } }, 201);
};
