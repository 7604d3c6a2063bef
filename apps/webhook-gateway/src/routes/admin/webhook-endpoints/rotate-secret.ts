import { ApiError } from "@edgekyc/platform";
import { adminAuth, getAccounts } from "@edgekyc/platform/accounts";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { EndpointIdParam, WebhookEndpointWithSecret } from "../../endpoints/endpoint-schemas.ts";
import { RotateSecretBody } from "../../endpoints/rotate-secret.ts";
import { problemResponses } from "../../partner-api.ts";
import { PartnerIdParam } from "../admin-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/admin/v1/partners/{partnerId}/webhook-endpoints/{endpointId}/rotate-secret",
  tags: ["Admin: webhook endpoints"],
  summary: "Rotate a partner endpoint's signing secret",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    params: PartnerIdParam.merge(EndpointIdParam),
    body: { required: false, content: { "application/json": { schema: RotateSecretBody } } },
  },
  responses: {
    200: {
      description: "The new secret (shown only now).",
      content: { "application/json": { schema: WebhookEndpointWithSecret } },
    },
    ...problemResponses(400, 401, 404, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId, endpointId } = c.req.valid("param");
  const { graceSeconds } = c.req.valid("json") ?? { graceSeconds: 86_400 };
  const rotated = await (await getAccounts(c.env)).rotateEndpointSecret(
    partnerId,
    endpointId,
    undefined,
    graceSeconds,
  );
  if (!rotated)
    throw new ApiError("not_found", `webhook endpoint ${endpointId} of partner ${partnerId} was not found`);
  return c.json({ ...rotated.endpoint, secret: rotated.secret }, 200);
};
