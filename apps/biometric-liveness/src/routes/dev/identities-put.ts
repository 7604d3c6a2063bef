import { adminAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { putIdentity } from "../../authority/identities.ts";
import { decodeImage } from "../../images/image-input.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { developmentOnly } from "./development-only.ts";
import { Identity, IdentityInput, PartnerParam } from "./identity-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/dev/biometric-liveness/partners/{partnerId}/id-authority/identities",
  tags: ["Sandbox ID authority (development)"],
  summary: "Add a test identity (with photo) to the partner's sandbox ID authority",
  description:
    "The last digit of an id number picks the authority's answer: 0 not found, 1 unavailable, 2 found without photo, others the identity registered here (not found when none).",
  security: [{ adminToken: [] }],
  middleware: [developmentOnly(), adminAuth()] as const,
  request: {
    params: PartnerParam,
    body: { required: true, content: { "application/json": { schema: IdentityInput } } },
  },
  responses: {
    201: { description: "Stored (encrypted).", content: { "application/json": { schema: Identity } } },
    ...errorResponses("edgekyc", 400, 401, 404, 415, 422),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { partnerId } = c.req.valid("param");
  const services = c.var.services;
  if (!(await services.accounts.partners.getActive(partnerId)))
    throw new ApiError("not_found", `partner ${partnerId} not found`);
  const { photo, ...input } = c.req.valid("json");
  const identity = await putIdentity(services, partnerId, {
    ...input,
    photo: photo ? decodeImage(photo, "photo") : null,
  });
  return c.json(identity, 201);
};
