import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { JWE_CONTENT_ALGORITHMS, JWE_KEY_ALGORITHM } from "../../domain/chip-envelope.ts";
import { unwrap } from "../../domain/outcomes.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { msErrors, msOk, ok, withNfcErrors } from "../machinesense.ts";
import { APP_SECURITY, appSessionAuth, appSessionOf } from "./app-session.ts";

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/app/challenge",
  tags: ["Reader app"],
  summary: "Get the Active Authentication challenge, before reading the chip",
  description:
    "8 random bytes for the chip's INTERNAL AUTHENTICATE. Each challenge is good for one upload; asking again replaces it. The answer also names the key to encrypt the upload to, and the `sid` to put in the JWE's protected header.",
  security: APP_SECURITY,
  middleware: [appSessionAuth()] as const,
  responses: {
    200: {
      description: "Challenge issued.",
      content: {
        "application/json": {
          schema: msOk(
            z.object({
              challenge: z.string().openapi({ description: "base64, 8 bytes" }),
              session_id: z
                .string()
                .openapi({ description: "Put in the JWE protected header as `sid` and in the payload." }),
              jwe: z.object({
                kid: z.string(),
                alg: z.literal(JWE_KEY_ALGORITHM),
                enc: z.array(z.string()),
                jwks_url: z.string(),
              }),
            }),
          ),
        },
      },
    },
    ...msErrors(401, 404, 409, 410),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const session = appSessionOf(c);
  const { services } = c.var;
  const challenge = unwrap(
    await services.sessions.session(session.sessionId).issueChallenge(session.tokenHash),
  );
  const keys = await services.jweKeys();
  return c.json(
    ok({
      challenge,
      session_id: session.sessionId,
      jwe: {
        kid: keys.currentKid,
        alg: JWE_KEY_ALGORITHM,
        enc: [...JWE_CONTENT_ALGORITHMS],
        jwks_url: "/nfc/v1/app/keys",
      },
    }),
    200,
  );
});
