import { machineSenseAuth } from "@edgekyc/accounts";
import { HolderPublicJwk, MACHINESENSE_SCANS } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { faceEngineProblem } from "../../adapters/partner-face-comparer.ts";
import { NfcError } from "../../domain/outcomes.ts";
import { type SessionMethod, SUPPORTED_METHODS } from "../../domain/session-record.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { callbackUrl } from "../callback-url.ts";
import { ApiKey, msErrors, msOk, ok, partnerOf, withNfcErrors } from "../machinesense.ts";

const SessionInitBody = z
  .object({
    api_key: ApiKey,
    ref: z.string().max(512).default("").openapi({ description: "Sent back with the webhook." }),
    method: z
      .string()
      .max(64)
      .openapi({ description: `One of: ${SUPPORTED_METHODS.join(", ")}.`, example: "enroll" }),
    send_scan: z
      .array(z.enum(MACHINESENSE_SCANS))
      .max(2)
      .refine((list) => new Set(list).size === list.length, "must not repeat a scan")
      .optional()
      .openapi({
        description: "Scans added to the webhook as base64: selfie, docface. Default: account settings.",
      }),
    options: z
      .object({
        force_mrz_consent: z.boolean().optional(),
        num_images_liveness: z.number().int().min(1).max(8).optional(),
        webhook: z.string().max(2048).optional(),
        redirect_URL: z.string().max(2048).optional(),
      })
      .optional()
      .openapi({ description: "Overrides of the account settings for this session." }),
    holder_key: HolderPublicJwk.optional().openapi({
      description:
        "EdgeKYC extension: the end user's public JWK (EC P-256 or Ed25519, public members only). The session's verification receipt is bound to it (`cnf`), so only its holder can present the receipt.",
    }),
  })
  .openapi("SessionInitRequest");

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/session_init",
  tags: ["Partner API"],
  summary: "Start an NFC session and get the init code for the user",
  description:
    "Returns a 4-character init code (A-Z, a-z, 0-9) that the user types into the reader app. It can be redeemed once, until it expires (account setting initCodeTtlSeconds).",
  security: [{ machineSenseApiKey: [] }],
  middleware: [machineSenseAuth()] as const,
  request: { body: { required: true, content: { "application/json": { schema: SessionInitBody } } } },
  responses: {
    200: {
      description: "Session created.",
      content: {
        "application/json": {
          schema: msOk(z.object({ init_code: z.string().openapi({ example: "E4zY" }) })),
        },
      },
    },
    ...msErrors(401, 403, 409, 413, 415, 422, 429, 503),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const partner = partnerOf(c);
  const body = c.req.valid("json");
  if (!(SUPPORTED_METHODS as readonly string[]).includes(body.method)) {
    throw new NfcError(
      "method_not_supported",
      `"${body.method.slice(0, 64)}"; supported: ${SUPPORTED_METHODS.join(", ")}`,
    );
  }
  const { services } = c.var;
  const settings = await services.accounts.settings.get(partner.partnerId, "nfc-session");
  const engineProblem = faceEngineProblem(services.config, partner.mode, settings);
  if (engineProblem) throw new NfcError("face_engine_unavailable", engineProblem);
  const options = body.options ?? {};
  const environment = services.config.ENVIRONMENT;
  const created = await services.sessions.create(partner.partnerId, partner.mode, {
    ref: body.ref,
    method: body.method as SessionMethod,
    sendScan: body.send_scan ?? settings.sendScan,
    forceMrzConsent: options.force_mrz_consent ?? settings.forceMrzConsent,
    numImagesLiveness: options.num_images_liveness ?? settings.numImagesLiveness,
    webhookUrl: options.webhook
      ? callbackUrl("options.webhook", options.webhook, partner.mode, environment)
      : null,
    redirectUrl: options.redirect_URL
      ? callbackUrl("options.redirect_URL", options.redirect_URL, partner.mode, environment)
      : settings.redirectUrl,
    initCodeTtlMs: settings.initCodeTtlSeconds * 1000,
    confirmationTimeoutMs: settings.webhookConfirmationTimeoutSeconds * 1000,
    holderKey: body.holder_key ?? null,
  });
  return c.json(ok({ init_code: created.initCode }), 200);
});
