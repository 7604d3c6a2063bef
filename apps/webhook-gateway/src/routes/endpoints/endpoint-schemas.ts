import { z } from "@hono/zod-openapi";

/** One WebhookEndpoint component for the partner and admin APIs. */
export {
  WebhookEndpointSchema as WebhookEndpoint,
  WebhookEndpointWithSecretSchema as WebhookEndpointWithSecret,
} from "@edgekyc/accounts";

export const EndpointIdParam = z.object({
  endpointId: z
    .string()
    .regex(/^whe_[0-9a-z]{10,40}$/i, "must be a webhook endpoint id (whe_…)")
    .openapi({ param: { name: "endpointId", in: "path" } }),
});

export const EndpointUrl = z.string().max(2048).openapi({
  example: "https://hooks.example.com/edgekyc",
  description: "https (test mode: also http://localhost).",
});
