import { adminAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { listIdentities } from "../../authority/identities.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { developmentOnly } from "./development-only.ts";
import { Identity, PartnerParam } from "./identity-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/dev/biometric-liveness/partners/{partnerId}/id-authority/identities",
  tags: ["Sandbox ID authority (development)"],
  summary: "List the partner's sandbox test identities",
  security: [{ adminToken: [] }],
  middleware: [developmentOnly(), adminAuth()] as const,
  request: { params: PartnerParam },
  responses: {
    200: {
      description: "Newest first.",
      content: { "application/json": { schema: z.object({ data: z.array(Identity) }) } },
    },
    ...errorResponses("edgekyc", 400, 401),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  return c.json({ data: await listIdentities(c.var.services, c.req.valid("param").partnerId) }, 200);
};
