import { machineSenseAuth } from "@edgekyc/accounts";
import { deletePrefix } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { unwrap } from "../../domain/outcomes.ts";
import { nfcRevokeRequest } from "../../domain/receipt-claims.ts";
import { sessionPrefix } from "../../domain/result-publisher.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { ApiKey, InitCode, msErrors, msOk, ok, partnerOf, withNfcErrors } from "../machinesense.ts";

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/session_erase",
  tags: ["Partner API"],
  summary: "Erase a session's personal data",
  description:
    "Deletes the chip data, portrait, selfie and result stored for the session and ends it if it is still running. The webhook already delivered is erased through webhook-gateway's event erasure, and the session's verification receipt is revoked. Repeating it is harmless.",
  security: [{ machineSenseApiKey: [] }],
  middleware: [machineSenseAuth()] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ api_key: ApiKey, init_code: InitCode }) } },
    },
  },
  responses: {
    200: {
      description: "Erased.",
      content: {
        "application/json": {
          schema: msOk(
            z.object({
              init_code: z.string(),
              state: z.literal("erased"),
              objects_deleted: z.number().int(),
            }),
          ),
        },
      },
    },
    ...msErrors(401, 403, 404, 413, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const partner = partnerOf(c);
  const { sessions, env } = c.var.services;
  const initCode = c.req.valid("json").init_code;
  const sessionId = await sessions.findForPartner(partner.partnerId, initCode);
  const stub = sessions.session(sessionId);
  const before = await stub.get();
  if (before?.state !== "erased") unwrap(await stub.erase(partner.partnerId));
  const deleted = await deletePrefix(
    env.UPLOADS,
    sessionPrefix({ id: sessionId, partnerId: partner.partnerId }),
  );
  await sessions.markErased(sessionId);
  // Its receipt, if one was issued, is revoked (status list); repeating it is harmless there too.
  await env.RECEIPTS.send(nfcRevokeRequest({ id: sessionId, partnerId: partner.partnerId }), {
    contentType: "json",
  });
  return c.json(ok({ init_code: initCode, state: "erased" as const, objects_deleted: deleted }), 200);
});
