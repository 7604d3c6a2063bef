import { edgekycKeyAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { CAPABILITIES } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";
import { assertDeliverableUrl } from "./endpoint-rules.ts";
import { EndpointUrl, WebhookEndpointWithSecret } from "./endpoint-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/webhooks/v1/endpoints",
  tags: ["Webhook endpoints"],
  summary: "Create a webhook endpoint",
  description:
    "One active endpoint per capability and one default (no capability) per mode; the key's mode decides which. The signing secret is returned only here.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.strictObject({
            url: EndpointUrl,
            capability: z.enum(CAPABILITIES).nullable().optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: "Created.", content: { "application/json": { schema: WebhookEndpointWithSecret } } },
    ...errorResponses("edgekyc", 400, 401, 409, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const body = c.req.valid("json");
  const url = assertDeliverableUrl(body.url, principal.mode, c.var.services.settings.ENVIRONMENT);
  const { webhookEndpoints } = c.var.services;
  const created = await webhookEndpoints.create(principal.partnerId, principal.mode, {
    url,
    capability: body.capability ?? null,
  });
  if (!created) {
    throw new ApiError(
      "conflict",
      `an active ${body.capability ?? "default"} endpoint already exists in ${principal.mode} mode; update or delete it`,
    );
  }
  return c.json({ ...created.endpoint, secret: created.secret }, 201);
};
