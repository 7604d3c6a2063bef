import { edgekycKeyAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";
import { assertDeliverableUrl } from "./endpoint-rules.ts";
import { EndpointIdParam, EndpointUrl, WebhookEndpoint } from "./endpoint-schemas.ts";

export const route = createRoute({
  method: "patch",
  path: "/webhooks/v1/endpoints/{endpointId}",
  tags: ["Webhook endpoints"],
  summary: "Change a webhook endpoint's URL, or disable or re-enable it",
  description:
    "Re-enabling an endpoint that a 410 Gone disabled makes it receive deliveries again; replay what failed meanwhile.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: {
    params: EndpointIdParam,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .strictObject({ url: EndpointUrl.optional(), disabled: z.boolean().optional() })
            .refine((body) => body.url !== undefined || body.disabled !== undefined, "give url or disabled"),
        },
      },
    },
  },
  responses: {
    200: { description: "Updated.", content: { "application/json": { schema: WebhookEndpoint } } },
    ...errorResponses("edgekyc", 400, 401, 404, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const { endpointId } = c.req.valid("param");
  const body = c.req.valid("json");
  const url =
    body.url === undefined
      ? undefined
      : assertDeliverableUrl(body.url, principal.mode, c.var.services.settings.ENVIRONMENT);
  const updated = await c.var.services.webhookEndpoints.update(
    principal.partnerId,
    endpointId,
    principal.mode,
    {
      url,
      disabled: body.disabled,
    },
  );
  if (!updated) throw new ApiError("not_found", `webhook endpoint ${endpointId} was not found`);
  return c.json(updated, 200);
};
