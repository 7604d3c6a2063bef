import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { desc, eq } from "drizzle-orm";
import * as schema from "../../db/schema.ts";
import type { GatewayEnv } from "../../gateway-env.ts";
import { SinkMessage, SinkNameParam, sinkBodyAad } from "./sink-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/dev/sink/{name}",
  tags: ["Development sink"],
  summary: "List what a sink received (development only)",
  request: {
    params: SinkNameParam,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  },
  responses: {
    200: {
      description: "Newest first.",
      content: { "application/json": { schema: z.object({ data: z.array(SinkMessage) }) } },
    },
    ...errorResponses("edgekyc", 400, 404),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { name } = c.req.valid("param");
  const { limit } = c.req.valid("query");
  const rows = await c.var.services.db
    .select()
    .from(schema.sinkMessages)
    .where(eq(schema.sinkMessages.sink, name))
    .orderBy(desc(schema.sinkMessages.id))
    .limit(limit);
  const cipher = c.var.services.cipher;
  const data = await Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      receivedAt: new Date(row.createdAt).toISOString(),
      method: row.method,
      headers: row.headers,
      body: await cipher.decryptText(row.bodyCiphertext, sinkBodyAad(row.id)),
    })),
  );
  return c.json({ data }, 200);
};
