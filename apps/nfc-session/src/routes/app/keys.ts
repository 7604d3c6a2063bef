import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { NfcAppEnv } from "../../nfc-env.ts";

const Jwk = z.object({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  use: z.literal("enc"),
  alg: z.literal("ECDH-ES"),
});

export const route = createRoute({
  method: "get",
  path: "/nfc/v1/app/keys",
  tags: ["Reader app"],
  summary: "The server's public keys for chip uploads (JWKS)",
  description:
    "Encrypt the chip upload to the key named by `jwe.kid` in the redeem/challenge answers: compact JWE, alg ECDH-ES, enc A256GCM (or A128GCM), with `kid` and `sid` (the session id) in the protected header. Older keys stay listed while they still decrypt.",
  responses: {
    200: {
      description: "JWK set.",
      content: { "application/json": { schema: z.object({ keys: z.array(Jwk) }).openapi("NfcJwks") } },
    },
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = async (c) => {
  const ring = await c.var.services.jweKeys();
  c.header("cache-control", "public, max-age=300");
  return c.json({ keys: ring.publicKeys }, 200);
};
