import { z } from "@hono/zod-openapi";

export const SinkNameParam = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, _ or -")
    .openapi({ param: { name: "name", in: "path" }, example: "demo" }),
});

export const SinkMessage = z
  .object({
    id: z.string(),
    receivedAt: z.iso.datetime(),
    method: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
  })
  .openapi("SinkMessage");

export const sinkBodyAad = (id: string) => `webhooks.sink_messages.body:${id}`;
