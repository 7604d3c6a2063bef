import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ReceiptsEnv } from "../../receipts-env.ts";

const PublicJwk = z
  .object({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    x: z.string(),
    y: z.string(),
    kid: z.string(),
    alg: z.literal("ES256"),
    use: z.literal("sig"),
  })
  .openapi("IssuerPublicJwk");

const IssuerMetadata = z
  .object({
    issuer: z.string().openapi({ example: "https://kyc.example.com/receipts" }),
    jwks: z.object({ keys: z.array(PublicJwk) }),
  })
  .openapi("JwtVcIssuerMetadata", {
    description:
      "SD-JWT VC issuer metadata: the issuer identifier and its public keys (every key that signs or signed).",
  });

export const route = createRoute({
  method: "get",
  // The SD-JWT VC draft inserts the well-known segment between the origin and the issuer's path.
  path: "/.well-known/jwt-vc-issuer/receipts",
  tags: ["Verifiers"],
  summary: "Issuer metadata (JWKS)",
  description:
    "For an issuer `https://host/receipts` the SD-JWT VC draft puts its metadata at `https://host/.well-known/jwt-vc-issuer/receipts`. The first key signs new receipts; older keys stay for receipts they signed.",
  responses: {
    200: { description: "Issuer metadata.", content: { "application/json": { schema: IssuerMetadata } } },
    ...errorResponses("edgekyc", 429),
  },
});

export const handler: RouteHandler<typeof route, ReceiptsEnv> = async (c) => {
  const { urls, keys } = c.var.services;
  c.header("cache-control", "public, max-age=300");
  c.header("access-control-allow-origin", "*");
  return c.json({ issuer: urls.issuer, jwks: keys.jwks }, 200);
};
