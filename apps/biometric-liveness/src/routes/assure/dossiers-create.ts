import { assureAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { createDossier, dossierView } from "../../assure/records.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { principalOf } from "../principal.ts";
import { Dossier } from "./assure-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/assure/dossiers",
  tags: ["Signicat Assure"],
  summary: "Create a dossier (one per end-user)",
  security: [{ assureClientCredentials: [] }],
  middleware: [assureAuth()] as const,
  responses: {
    201: { description: "The dossier.", content: { "application/json": { schema: Dossier } } },
    ...errorResponses("assure", 401, 403, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const row = await createDossier(c.var.services, principalOf(c));
  return c.json(dossierView(row), 201);
};
