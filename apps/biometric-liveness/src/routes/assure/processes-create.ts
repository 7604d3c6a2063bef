import { assureAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { processAuthorization } from "../../assure/enrollment.ts";
import { createProcess, processView } from "../../assure/records.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { principalOf } from "../principal.ts";
import { CreatedProcess, CreateProcessRequest, DossierIdParam } from "./assure-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/assure/dossiers/{dossierId}/processes",
  tags: ["Signicat Assure"],
  summary: "Create a FaceTec process in a dossier",
  security: [{ assureClientCredentials: [] }],
  middleware: [assureAuth()] as const,
  request: {
    params: DossierIdParam,
    body: { required: true, content: { "application/json": { schema: CreateProcessRequest } } },
  },
  responses: {
    201: {
      description: "The process, with the FaceTec SDK keys.",
      content: { "application/json": { schema: CreatedProcess } },
    },
    ...errorResponses("assure", 400, 401, 403, 404, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { dossierId } = c.req.valid("param");
  const services = c.var.services;
  const principal = principalOf(c);
  const body = c.req.valid("json");
  const row = await createProcess(services, principal, dossierId, body.holderKey ?? null);
  const settings = await services.accounts.settings.get(principal.partnerId, "biometric-liveness");
  const view = processView(row);
  return c.json(
    {
      processId: view.processId,
      status: "pending" as const,
      createdAt: view.createdAt,
      updatedAt: view.updatedAt,
      authorization: await processAuthorization(services, row.id),
      facetecEncryptionPublicKey: settings.facetec.encryptionPublicKey,
      facetecDeviceKeyIdentifier: settings.facetec.deviceKeyIdentifier,
      facetecProductionKeyText: settings.facetec.productionKeyText,
      provider: "facetec" as const,
    },
    201,
  );
};
