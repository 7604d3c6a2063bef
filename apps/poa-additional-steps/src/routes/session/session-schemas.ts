import { IdenfyLocale } from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";

export const SessionView = z
  .object({
    state: z.enum(["ACTIVE", "FINISHED"]),
    locale: z.string(),
    showInstructions: z.boolean(),
    sessionExpiresAt: z.string().nullable(),
    scopeNeeded: z.object({ country: z.boolean(), documentType: z.boolean() }),
    countries: z.array(z.string()),
    documents: z.array(z.string()),
    poaDocuments: z.array(z.string()),
    steps: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        title: z.string(),
        description: z.string(),
        settings: z.object({ canUpload: z.boolean(), canCapture: z.boolean(), canUploadPDF: z.boolean() }),
        selectDocumentType: z.boolean(),
        uploaded: z.boolean(),
        contentType: z.string().nullable(),
        documentType: z.string().nullable(),
      }),
    ),
    redirectUrl: z.string().nullable(),
  })
  .openapi("Session");

export const LocaleQuery = z.object({ locale: IdenfyLocale.optional() });
