import { machineSenseAuth } from "@edgekyc/accounts";
import { ID_PREFIXES, idString } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { ApiKey, msErrors, msOk, ok, partnerOf, withNfcErrors } from "../machinesense.ts";
import { LostStolenEntry } from "./lost-stolen-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/lost_stolen/list",
  tags: ["Lost and stolen documents"],
  summary: "Your lost/stolen list, newest first",
  description: "Pass the last id of a page as `before` for the next page.",
  security: [{ machineSenseApiKey: [] }],
  middleware: [machineSenseAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            api_key: ApiKey,
            limit: z.number().int().min(1).max(200).default(50),
            before: idString(ID_PREFIXES.lostStolenEntry, "lost/stolen entry").optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "A page of entries.",
      content: {
        "application/json": {
          schema: msOk(z.object({ entries: z.array(LostStolenEntry), next_before: z.string().nullable() })),
        },
      },
    },
    ...msErrors(401, 403, 413, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const partner = partnerOf(c);
  const body = c.req.valid("json");
  const entries = await c.var.services.lostStolen.list(partner.partnerId, {
    limit: body.limit,
    before: body.before,
  });
  const last = entries.length === body.limit ? entries.at(-1)?.id : undefined;
  return c.json(ok({ entries, next_before: last ?? null }), 200);
});
