import { ApiError } from "@edgekyc/platform";
import { adminAuth, getAccounts } from "@edgekyc/platform/accounts";
import { DIALECTS } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { problemResponses } from "../../partner-api.ts";
import { ApiKey, Credentials, PartnerIdParam } from "../admin-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/admin/v1/partners/{partnerId}/keys/rotate",
  tags: ["Admin: keys"],
  summary: "Issue new credentials for one dialect and mode",
  description:
    "The dialect's current keys of that mode keep working for `graceSeconds` (default 24 h), then expire.",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    params: PartnerIdParam,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.strictObject({
            dialect: z.enum(DIALECTS),
            mode: z.enum(["test", "live"]),
            graceSeconds: z.number().int().min(0).max(604_800).default(86_400),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: "The new credentials (shown only now).",
      content: { "application/json": { schema: z.object({ key: ApiKey, credentials: Credentials }) } },
    },
    ...problemResponses(400, 401, 404, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId } = c.req.valid("param");
  const body = c.req.valid("json");
  const rotated = await (await getAccounts(c.env)).rotateKeys(
    partnerId,
    body.dialect,
    body.mode,
    body.graceSeconds,
  );
  if (!rotated) throw new ApiError("not_found", `partner ${partnerId} was not found`);
  c.get("log").info("keys rotated", { partnerId, dialect: body.dialect, mode: body.mode });
  return c.json({ key: rotated.key, credentials: { [body.dialect]: rotated.credentials } }, 201);
};
