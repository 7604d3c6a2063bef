import { DIALECTS, EVENT_SOURCES, MODES } from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";

// OpenAPI schemas of the accounts views (views.ts), for every app that shows them: the admin API and
// the partner webhooks API describe partners and keys with the same named components.

export const PartnerSchema = z
  .object({
    id: z.string().openapi({ example: "ptn_01kbz3c6q4y8w2m5n7p9r1t3v5" }),
    name: z.string(),
    smileIdPartnerId: z.string().openapi({ description: "Smile ID `partner_id`.", example: "48201937" }),
    ndtMerchantId: z.uuid().openapi({ description: "NDT `Merchant-Id` header value." }),
    createdAt: z.iso.datetime(),
    erasedAt: z.iso.datetime().nullable(),
  })
  .openapi("Partner");

export const ApiKeySchema = z
  .object({
    id: z.string().openapi({ example: "key_01kbz3c6q4y8w2m5n7p9r1t3v5" }),
    partnerId: z.string(),
    dialect: z.enum(DIALECTS),
    mode: z.enum(MODES),
    publicId: z.string().openapi({
      example: "ms_test_3k9x0q2m7a1b4c8d",
      description:
        "The public half of the credential (for Smile ID, only a label: its credentials carry none).",
    }),
    scopes: z.array(z.enum(EVENT_SOURCES)),
    status: z.enum(["active", "expired", "revoked"]),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable().openapi({ description: "Updated at most every 5 minutes." }),
  })
  .openapi("ApiKey");

/** Each dialect's credential, in the dialect's own field names. */
const DialectCredentialsSchemas = {
  machinesense: z.object({ api_key: z.string().openapi({ example: "ms_test_3k9x0q2m7a1b4c8d_<secret>" }) }),
  idenfy: z.object({ api_key: z.string(), api_secret: z.string() }),
  smileid: z.object({ partner_id: z.string(), api_key: z.string() }),
  assure: z.object({ client_id: z.string(), client_secret: z.string() }),
  ndt: z.object({ api_key: z.string(), merchant_id: z.uuid() }),
  edgekyc: z.object({ api_key: z.string().openapi({ example: "ek_test_3k9x0q2m7a1b4c8d_<secret>" }) }),
} as const;

/** Credentials for every dialect (partner creation); the secrets are shown only once. */
export const CredentialsSchema = z.object(DialectCredentialsSchemas).openapi("Credentials", {
  description: "What the partner sends, per dialect, in the dialect's own field names. Shown once.",
});

/** Credentials for some dialects (key rotation answers only the rotated one). */
export const PartialCredentialsSchema = CredentialsSchema.partial().openapi("PartialCredentials");
