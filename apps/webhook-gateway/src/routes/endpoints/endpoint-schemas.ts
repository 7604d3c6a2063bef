import { ID_PREFIXES, idParam } from "@edgekyc/platform";
import { CAPABILITIES, MODES } from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";

/** One WebhookEndpoint component for the partner and admin APIs. */
export const WebhookEndpoint = z
  .object({
    id: z.string().openapi({ example: "whe_01kbz3c6q4y8w2m5n7p9r1t3v5" }),
    url: z.string().openapi({ example: "https://hooks.example.com/edgekyc" }),
    capability: z
      .enum(CAPABILITIES)
      .nullable()
      .openapi({ description: "null: the default endpoint, used for capabilities without their own." }),
    mode: z.enum(MODES),
    disabled: z.boolean(),
    disabledReason: z
      .string()
      .optional()
      .openapi({ description: "Why deliveries stopped (only when disabled)." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("WebhookEndpoint");

export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  secret: z.string().openapi({
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    description: "Standard Webhooks signing secret; shown only now.",
  }),
}).openapi("WebhookEndpointWithSecret");

export const EndpointIdParam = idParam("endpointId", ID_PREFIXES.webhookEndpoint, "webhook endpoint");

export const EndpointUrl = z.string().max(2048).openapi({
  example: "https://hooks.example.com/edgekyc",
  description: "https (test mode: also http://localhost).",
});
