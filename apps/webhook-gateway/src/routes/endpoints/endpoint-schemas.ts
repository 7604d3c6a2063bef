import { CAPABILITIES } from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";

export const WebhookEndpoint = z
  .object({
    id: z.string().openapi({ example: "whe_01JD3Z6Q4Y8W2M5N7P9R1T3V5X" }),
    url: z.string().openapi({ example: "https://hooks.example.com/edgekyc" }),
    capability: z
      .enum(CAPABILITIES)
      .nullable()
      .openapi({ description: "null: the default endpoint, used for capabilities without their own." }),
    mode: z.enum(["test", "live"]),
    disabled: z.boolean(),
    disabledReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("WebhookEndpoint");

export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  secret: z.string().openapi({
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    description: "Signing secret; shown only now.",
  }),
}).openapi("WebhookEndpointWithSecret");

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
