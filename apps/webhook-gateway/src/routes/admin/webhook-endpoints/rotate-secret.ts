import { adminAuth, DEFAULT_GRACE_SECONDS } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { WebhookEndpointWithSecret } from "../../endpoints/endpoint-schemas.ts";
import { ADMIN_SECURITY, EndpointIdParam, GraceSeconds } from "../admin-schemas.ts";

const RotateSecretBody = z.strictObject({ graceSeconds: GraceSeconds }).openapi("RotateWebhookSecretRequest");

export const route = createRoute({
  method: "post",
  path: "/admin/v1/partners/{partnerId}/webhook-endpoints/{endpointId}/rotate-secret",
  tags: ["Admin: webhook endpoints"],
  summary: "Rotate a webhook endpoint's signing secret",
  description:
    "Deliveries carry a signature with the new and with the previous secret (Standard Webhooks `webhook-signature` lists both) until `graceSeconds` (default 24 h) have passed. At most 3 secrets are valid at once (the newest and two in grace): a further rotation ends the oldest one's grace immediately, so a delivery never carries more than 3 signatures.",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: {
    params: EndpointIdParam,
    body: { required: false, content: { "application/json": { schema: RotateSecretBody } } },
  },
  responses: {
    200: {
      description: "The endpoint with its new secret (shown only now).",
      content: { "application/json": { schema: WebhookEndpointWithSecret } },
    },
    ...errorResponses("edgekyc", 400, 401, 404, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId, endpointId } = c.req.valid("param");
  // Without a body the validator hands over {}; the default then applies here.
  const graceSeconds = c.req.valid("json").graceSeconds ?? DEFAULT_GRACE_SECONDS;
  const rotated = await c.var.services.webhookEndpoints.rotateSecret(
    partnerId,
    endpointId,
    undefined,
    graceSeconds,
  );
  if (!rotated)
    throw new ApiError("not_found", `webhook endpoint ${endpointId} of partner ${partnerId} was not found`);
  c.var.log.info("webhook secret rotated", { partnerId, endpointId, graceSeconds });
  return c.json({ ...rotated.endpoint, secret: rotated.secret }, 200);
};
