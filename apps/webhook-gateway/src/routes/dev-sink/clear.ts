import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../db/schema.ts";
import type { GatewayEnv } from "../../gateway-env.ts";
import { problemResponses } from "../partner-api.ts";
import { developmentOnly } from "./development-only.ts";
import { SinkNameParam } from "./sink-schemas.ts";

export const route = createRoute({
  method: "delete",
  path: "/dev/sink/{name}",
  tags: ["Development sink"],
  summary: "Forget what a sink received (development only)",
  middleware: [developmentOnly] as const,
  request: { params: SinkNameParam },
  responses: { 204: { description: "Cleared." }, ...problemResponses(400, 404) },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const { name } = c.req.valid("param");
  await drizzle(c.env.DB, { schema }).delete(schema.sinkMessages).where(eq(schema.sinkMessages.sink, name));
  return c.body(null, 204);
};
