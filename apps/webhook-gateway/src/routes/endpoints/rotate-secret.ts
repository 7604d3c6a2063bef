import { edgekycKeyAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";
import { EndpointIdParam, WebhookEndpointWithSecret } from "./endpoint-schemas.ts";

const RotateSecretBody = z.strictObject({
  graceSeconds: z.number().int().min(0).max(604_800).default(86_400).openapi({
    description:
      "How long the previous secret keeps signing (deliveries carry both signatures). At most 3 secrets are valid at once: rotating while two older secrets are still in their grace period ends the oldest one's grace immediately.",
  }),
});

export const route = createRoute({
  method: "post",
  path: "/webhooks/v1/endpoints/{endpointId}/rotate-secret",
  tags: ["Webhook endpoints"],
  summary: "Rotate an endpoint's signing secret",
  description:
    "Issues a new signing secret. The previous secret keeps signing for graceSeconds; at most 3 secrets (the newest and two in grace) are valid at once, so each delivery carries at most 3 signatures.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: {
    params: EndpointIdParam,
    body: { required: false, content: { "application/json": { schema: RotateSecretBody } } },
  },
  responses: {
    200: {
      description: "The new secret (shown only now).",
      content: { "application/json": { schema: WebhookEndpointWithSecret } },
    },
    ...errorResponses("edgekyc", 400, 401, 404, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const { endpointId } = c.req.valid("param");
  const { graceSeconds } = c.req.valid("json") ?? { graceSeconds: 86_400 };
  const rotated = await c.var.services.webhookEndpoints.rotateSecret(
    principal.partnerId,
    endpointId,
    principal.mode,
    graceSeconds,
  );
  if (!rotated) throw new ApiError("not_found", `webhook endpoint ${endpointId} was not found`);
  return c.json({ ...rotated.endpoint, secret: rotated.secret }, 200);
};
