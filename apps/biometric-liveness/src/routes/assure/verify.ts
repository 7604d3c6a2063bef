import { assureAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { decodeBase64 } from "@edgekyc/schemas";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { startVerification } from "../../assure/enrollment.ts";
import { processView } from "../../assure/records.ts";
import { decodeImage } from "../../images/image-input.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { principalOf } from "../principal.ts";
import { FacetecEnrollmentRequest, Process, ProcessParams } from "./assure-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/assure/dossiers/{dossierId}/processes/{processId}/verify",
  tags: ["Signicat Assure"],
  summary: "Start verification with the FaceTec enrollment",
  description:
    "Moves the process from pending to processing; the result follows asynchronously (GET the process, or the process-completed event). Needs a selfie or front image first.",
  security: [{ assureClientCredentials: [] }],
  middleware: [assureAuth()] as const,
  request: {
    params: ProcessParams,
    body: { required: true, content: { "application/json": { schema: FacetecEnrollmentRequest } } },
  },
  responses: {
    202: {
      description: "Accepted; the process is processing.",
      content: { "application/json": { schema: Process } },
    },
    ...errorResponses("assure", 400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { dossierId, processId } = c.req.valid("param");
  const { facetecEnrollment: e } = c.req.valid("json");
  const row = await startVerification(
    c.var.services,
    principalOf(c),
    { dossierId, processId },
    {
      faceScan: decodeBase64(e.faceScan),
      auditTrailImage: decodeImage(e.auditTrailImage, "facetecEnrollment.auditTrailImage"),
      lowQualityAuditTrailImage: e.lowQualityAuditTrailImage
        ? decodeImage(e.lowQualityAuditTrailImage, "facetecEnrollment.lowQualityAuditTrailImage")
        : null,
      userAgent: e.userAgent,
    },
  );
  return c.json(processView(row) as never, 202);
};
