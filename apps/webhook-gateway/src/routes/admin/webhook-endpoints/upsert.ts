import { ApiError } from "@edgekyc/platform";
import { adminAuth, getAccounts } from "@edgekyc/platform/accounts";
import { CAPABILITIES } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { assertDeliverableUrl } from "../../endpoints/endpoint-rules.ts";
import { EndpointUrl, WebhookEndpoint } from "../../endpoints/endpoint-schemas.ts";
import { problemResponses } from "../../partner-api.ts";
import { PartnerIdParam } from "../admin-schemas.ts";

export const route = createRoute({
  method: "put",
  path: "/admin/v1/partners/{partnerId}/webhook-endpoints",
  tags: ["Admin: webhook endpoints"],
  summary: "Set a partner's default or capability webhook endpoint",
  description: "Creates the endpoint (201, with its secret) or changes its URL (200).",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    params: PartnerIdParam,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.strictObject({
            mode: z.enum(["test", "live"]),
            capability: z.enum(CAPABILITIES).nullable().default(null),
            url: EndpointUrl,
          }),
        },
      },
    },
  },
  responses: {
    200: { description: "Updated.", content: { "application/json": { schema: WebhookEndpoint } } },
    201: {
      description: "Created; the secret is shown only now.",
      content: { "application/json": { schema: WebhookEndpoint.extend({ secret: z.string() }) } },
    },
    ...problemResponses(400, 401, 404, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { partnerId } = c.req.valid("param");
  const body = c.req.valid("json");
  const url = assertDeliverableUrl(body.url, body.mode, c.env.ENVIRONMENT);
  const accounts = await getAccounts(c.env);
  if (!(await accounts.getPartner(partnerId)))
    throw new ApiError("not_found", `partner ${partnerId} was not found`);
  const result = await accounts.upsertEndpoint(partnerId, body.mode, body.capability, url);
  if (result.created) return c.json({ ...result.endpoint, secret: result.secret }, 201);
  return c.json(result.endpoint, 200);
};
