import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import * as schema from "../../db/schema.ts";
import type { GatewayEnv } from "../../gateway-env.ts";
import { SinkNameParam } from "./sink-schemas.ts";

export const route = createRoute({
  method: "delete",
  path: "/dev/sink/{name}",
  tags: ["Development sink"],
  summary: "Forget what a sink received (development only)",
  request: { params: SinkNameParam },
  responses: { 204: { description: "Cleared." }, ...errorResponses("edgekyc", 400, 404) },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { name } = c.req.valid("param");
  await c.var.services.db.delete(schema.sinkMessages).where(eq(schema.sinkMessages.sink, name));
  return c.body(null, 204);
};
