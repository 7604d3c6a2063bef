import { errorResponses, newId } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import * as schema from "../../db/schema.ts";
import type { GatewayEnv } from "../../gateway-env.ts";
import { SinkNameParam, sinkBodyAad } from "./sink-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/dev/sink/{name}",
  tags: ["Development sink"],
  summary: "Receive a webhook (development only)",
  description:
    "Records the request and answers 200, or the status given in `?status=` (with `?retryAfter=` seconds) so retries can be tried locally. Exists only when ENVIRONMENT is development.",
  request: {
    params: SinkNameParam,
    query: z.object({
      status: z.coerce.number().int().min(200).max(599).optional(),
      retryAfter: z.coerce.number().int().min(0).max(86_400).optional(),
    }),
  },
  responses: {
    200: {
      description: "Recorded.",
      content: { "application/json": { schema: z.object({ received: z.literal(true), id: z.string() }) } },
    },
    ...errorResponses("edgekyc", 400, 404, 413),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { name } = c.req.valid("param");
  const { status, retryAfter } = c.req.valid("query");
  const id = newId("snk");
  const body = await c.req.text();
  const cipher = c.var.services.cipher;
  await c.var.services.db.insert(schema.sinkMessages).values({
    id,
    sink: name,
    method: c.req.method,
    headers: Object.fromEntries(c.req.raw.headers),
    bodyCiphertext: await cipher.encryptText(body, sinkBodyAad(id)),
    createdAt: Date.now(),
  });
  if (retryAfter !== undefined) c.header("Retry-After", String(retryAfter));
  // The status is the caller's choice; the body still says the request was recorded.
  return c.json({ received: true as const, id }, (status ?? 200) as 200);
};
