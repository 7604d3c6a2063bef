import { machineSenseAuth } from "@edgekyc/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { LOST_STOLEN_REASONS } from "../../db/schema.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { ApiKey, msErrors, msOk, ok, partnerOf, withNfcErrors } from "../machinesense.ts";
import { DocumentNumber, IssuingState, LostStolenEntry } from "./lost-stolen-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/lost_stolen/add",
  tags: ["Lost and stolen documents"],
  summary: "Report a document lost or stolen",
  description:
    'Sessions of yours that read this document end with "Document reported lost or stolen". Adding a listed document again returns the existing entry.',
  security: [{ machineSenseApiKey: [] }],
  middleware: [machineSenseAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            api_key: ApiKey,
            issuing_state: IssuingState,
            document_number: DocumentNumber,
            reason: z.enum(LOST_STOLEN_REASONS).default("lost"),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: "Listed.", content: { "application/json": { schema: msOk(LostStolenEntry) } } },
    ...msErrors(401, 403, 413, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const partner = partnerOf(c);
  const body = c.req.valid("json");
  const { entry } = await c.var.services.lostStolen.add(partner.partnerId, {
    issuingState: body.issuing_state,
    documentNumber: body.document_number,
    reason: body.reason,
  });
  return c.json(ok(entry), 200);
});
