import { assureAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { eraseDossier } from "../../assure/records.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { principalOf } from "../principal.ts";
import { DossierIdParam } from "./assure-schemas.ts";

export const route = createRoute({
  method: "delete",
  path: "/assure/dossiers/{dossierId}",
  tags: ["Signicat Assure"],
  summary: "Delete a dossier: erases every image and result of it",
  security: [{ assureClientCredentials: [] }],
  middleware: [assureAuth()] as const,
  request: { params: DossierIdParam },
  responses: {
    204: { description: "Erased (images in R2, processes and results in D1)." },
    ...errorResponses("assure", 400, 401, 403, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { dossierId } = c.req.valid("param");
  await eraseDossier(c.var.services, principalOf(c), dossierId);
  return c.body(null, 204);
};
