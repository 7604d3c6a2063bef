import { assureAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { dossierView, findDossier, listProcesses, processView } from "../../assure/records.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { principalOf } from "../principal.ts";
import { Dossier, DossierIdParam } from "./assure-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/assure/dossiers/{dossierId}",
  tags: ["Signicat Assure"],
  summary: "Get a dossier with its processes",
  security: [{ assureClientCredentials: [] }],
  middleware: [assureAuth()] as const,
  request: { params: DossierIdParam },
  responses: {
    200: { description: "The dossier.", content: { "application/json": { schema: Dossier } } },
    ...errorResponses("assure", 400, 401, 403, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { dossierId } = c.req.valid("param");
  const services = c.var.services;
  const row = await findDossier(services, principalOf(c), dossierId);
  const list = (await listProcesses(services, dossierId)).map((p) => {
    const { providerSpecific: _p, finalResult: _f, ...summary } = processView(p);
    return summary;
  });
  return c.json({ ...dossierView(row), processes: list }, 200);
};
