import { z } from "@hono/zod-openapi";
import { TRUST_ANCHOR_KINDS, TRUST_IMPORT_KINDS } from "../../db/schema.ts";

export const TrustAnchor = z
  .object({
    id: z.string(),
    import_id: z.string(),
    kind: z.enum(TRUST_ANCHOR_KINDS),
    country: z.string().nullable(),
    subject: z.string(),
    fingerprint: z.string().openapi({ description: "SHA-256 of the DER, hex" }),
    not_before: z.string().nullable(),
    not_after: z.string().nullable(),
    source: z.string(),
    created_at: z.string(),
  })
  .openapi("TrustAnchor");

export const TrustImport = z
  .object({
    id: z.string(),
    kind: z.enum(TRUST_IMPORT_KINDS),
    label: z.string().nullable(),
    anchor_count: z.number().int(),
    warnings: z.array(z.string()),
    anchors: z.array(TrustAnchor),
  })
  .openapi("TrustImport");
