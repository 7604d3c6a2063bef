import { adminAuth } from "@edgekyc/accounts";
import { errorResponses, ID_PREFIXES, idString } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { TRUST_ANCHOR_KINDS } from "../../db/schema.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { TrustAnchor } from "./admin-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/nfc/admin/v1/trust/anchors",
  tags: ["Admin: trust store"],
  summary: "List trust anchors, newest first",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    query: z.object({
      kind: z.enum(TRUST_ANCHOR_KINDS).optional(),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/, "must be an ISO 3166 alpha-2 code as in certificates")
        .optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      before: idString(ID_PREFIXES.trustAnchor, "trust anchor")
        .optional()
        .openapi({ description: "The last id of the previous page." }),
    }),
  },
  responses: {
    200: {
      description: "A page.",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(TrustAnchor), next_before: z.string().nullable() }),
        },
      },
    },
    ...errorResponses("edgekyc", 400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = async (c) => {
  const query = c.req.valid("query");
  const data = await c.var.services.trust.list(query);
  return c.json({ data, next_before: data.length === query.limit ? (data.at(-1)?.id ?? null) : null }, 200);
};
