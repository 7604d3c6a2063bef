import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { NfcError, unwrap } from "../../domain/outcomes.ts";
import { clientSubject } from "../../domain/redeem-limits.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { InitCode, msErrors, msOk, ok, withNfcErrors } from "../machinesense.ts";
import { newSessionToken } from "./app-session.ts";
import { AppStatus, appStatus } from "./app-status.ts";

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/app/redeem",
  tags: ["Reader app"],
  summary: "Redeem the init code the user typed",
  description:
    "Answers the session token for the next calls (Authorization: Bearer) and what the session asks for. A code works once. Wrong codes are counted per client network (IPv4 address, IPv6 /64) and globally; past the limits the client, or everyone, is locked out for a window (code 2011, Retry-After). The README gives the resulting bound on guessing.",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ init_code: InitCode }).openapi("RedeemRequest") } },
    },
  },
  responses: {
    200: {
      description: "Redeemed.",
      content: {
        "application/json": { schema: msOk(z.object({ session_token: z.string(), session: AppStatus })) },
      },
    },
    ...msErrors(404, 410, 413, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const { services } = c.var;
  const { env, config } = services;
  const limit = { windowMs: config.REDEEM_WINDOW_SECONDS * 1000 };
  const guards = [
    {
      stub: env.REDEEM_GUARD.get(
        env.REDEEM_GUARD.idFromName(clientSubject(c.req.header("cf-connecting-ip"))),
      ),
      max: config.REDEEM_CLIENT_FAILURES,
    },
    { stub: env.REDEEM_GUARD.get(env.REDEEM_GUARD.idFromName("global")), max: config.REDEEM_GLOBAL_FAILURES },
  ];
  const locks = await Promise.all(guards.map((guard) => guard.stub.lockedFor()));
  const lockedMs = Math.max(...locks);
  if (lockedMs > 0)
    throw new NfcError("redeem_locked", undefined, { retryAfterSeconds: Math.ceil(lockedMs / 1000) });

  const code = c.req.valid("json").init_code;
  const hit = await services.sessions.initCode(code).redeem();
  if (!hit) {
    const after = await Promise.all(
      guards.map((guard) => guard.stub.fail({ ...limit, maxFailures: guard.max })),
    );
    const nowLocked = Math.max(...after);
    if (nowLocked > 0)
      throw new NfcError("redeem_locked", undefined, { retryAfterSeconds: Math.ceil(nowLocked / 1000) });
    throw new NfcError("invalid_init_code");
  }
  const { token, hash } = await newSessionToken(hit.sessionId);
  const view = unwrap(await services.sessions.session(hit.sessionId).redeem(hash));
  return c.json(ok({ session_token: token, session: await appStatus(services, view) }), 200);
});
