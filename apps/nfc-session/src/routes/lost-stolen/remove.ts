import { machineSenseAuth } from "@edgekyc/accounts";
import { ApiError, ID_PREFIXES, idString } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { ApiKey, msErrors, msOk, ok, partnerOf, withNfcErrors } from "../machinesense.ts";

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/lost_stolen/remove",
  tags: ["Lost and stolen documents"],
  summary: "Take a document off the list",
  security: [{ machineSenseApiKey: [] }],
  middleware: [machineSenseAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            api_key: ApiKey,
            id: idString(ID_PREFIXES.lostStolenEntry, "lost/stolen entry"),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "Removed.",
      content: { "application/json": { schema: msOk(z.object({ id: z.string() })) } },
    },
    ...msErrors(401, 403, 404, 413, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const partner = partnerOf(c);
  const { id } = c.req.valid("json");
  if (!(await c.var.services.lostStolen.remove(partner.partnerId, id))) {
    throw new ApiError("not_found", "no entry of yours has this id");
  }
  return c.json(ok({ id }), 200);
});
