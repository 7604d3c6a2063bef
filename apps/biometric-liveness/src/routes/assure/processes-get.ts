import { assureAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { findProcess, processView } from "../../assure/records.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { principalOf } from "../principal.ts";
import { Process, ProcessParams } from "./assure-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/assure/dossiers/{dossierId}/processes/{processId}",
  tags: ["Signicat Assure"],
  summary: "Get a process and, once finished, its result",
  security: [{ assureClientCredentials: [] }],
  middleware: [assureAuth()] as const,
  request: { params: ProcessParams },
  responses: {
    200: { description: "The process.", content: { "application/json": { schema: Process } } },
    ...errorResponses("assure", 400, 401, 403, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { dossierId, processId } = c.req.valid("param");
  const row = await findProcess(c.var.services, principalOf(c), dossierId, processId);
  return c.json(processView(row) as never, 200);
};
