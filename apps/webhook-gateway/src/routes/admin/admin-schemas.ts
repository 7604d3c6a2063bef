import { CAPABILITIES, DIALECTS } from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";

export const Partner = z
  .object({
    id: z.string().openapi({ example: "ptn_01jd3z6q4y8w2m5n7p9r1t3v5x" }),
    name: z.string(),
    smileIdPartnerId: z.string().openapi({ description: "Smile ID `partner_id`." }),
    ndtMerchantId: z.string().openapi({ description: "NDT `Merchant-Id` header value." }),
    createdAt: z.iso.datetime(),
  })
  .openapi("Partner");

export const Credentials = z
  .object({
    machinesense: z.object({ api_key: z.string() }).optional(),
    idenfy: z.object({ api_key: z.string(), api_secret: z.string() }).optional(),
    smileid: z.object({ partner_id: z.string(), api_key: z.string() }).optional(),
    assure: z.object({ client_id: z.string(), client_secret: z.string() }).optional(),
    ndt: z.object({ api_key: z.string(), merchant_id: z.string() }).optional(),
    edgekyc: z.object({ api_key: z.string() }).optional(),
  })
  .openapi("Credentials", {
    description: "What the partner sends, per dialect, in the dialect's own field names. Shown once.",
  });

export const ApiKey = z
  .object({
    id: z.string(),
    dialect: z.enum(DIALECTS),
    mode: z.enum(["test", "live"]),
    publicId: z.string().nullable(),
    scopes: z.array(z.string()),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi("ApiKey");

export const PartnerIdParam = z.object({
  partnerId: z
    .string()
    .regex(/^ptn_[0-9a-z]{10,40}$/, "must be a partner id (ptn_…)")
    .openapi({ param: { name: "partnerId", in: "path" } }),
});

export const CapabilityParam = PartnerIdParam.extend({
  capability: z.enum(CAPABILITIES).openapi({ param: { name: "capability", in: "path" } }),
});
