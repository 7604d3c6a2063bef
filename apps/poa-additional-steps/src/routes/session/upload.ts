import { AdditionalStepName } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { PoaEnv } from "../../app-env.ts";
import { authTokenOf, countTokenFailures } from "../../credentials.ts";
import { uploadStepFile } from "../../domain/session.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { readCapped } from "./read-capped.ts";

export const route = createRoute({
  method: "put",
  path: "/api/v2/session/steps/{step}/file",
  tags: ["End user"],
  summary: "Upload or capture a step's file",
  description:
    "The raw file as the body. Its type is decided by its bytes (JPEG, PNG, and PDF where the step's canUploadPDF allows); the declared Content-Type is ignored. `source` is UPLOAD (needs canUpload) or CAPTURE (needs canCapture). A new file replaces the earlier one.",
  middleware: [countTokenFailures] as const,
  request: {
    params: z.object({ step: AdditionalStepName }),
    query: z.object({
      source: z.enum(["UPLOAD", "CAPTURE"]).default("UPLOAD"),
      documentType: z
        .string()
        .max(64)
        .optional()
        .openapi({ description: "UTILITY_BILL: what the user selected" }),
    }),
  },
  responses: {
    200: {
      description: "Stored.",
      content: {
        "application/json": {
          schema: z.object({
            step: z.string(),
            contentType: z.string(),
            size: z.number(),
            documentType: z.string().nullable(),
          }),
        },
      },
    },
    ...idenfyErrors(400, 401, 404, 409, 413, 415, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const authToken = authTokenOf(c);
  const { step } = c.req.valid("param");
  const { source, documentType } = c.req.valid("query");
  const bytes = await readCapped(c.req.raw, c.var.services.config.MAX_FILE_BYTES);
  const stored = await uploadStepFile(c.var.services, authToken, {
    step,
    bytes,
    source,
    documentType: documentType ?? null,
  });
  return c.json(stored, 200);
};
