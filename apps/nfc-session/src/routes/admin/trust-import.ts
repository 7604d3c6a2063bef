import { adminAuth } from "@edgekyc/accounts";
import { EmrtdError } from "@edgekyc/emrtd";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { TrustImportKind } from "../../db/schema.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { TrustImportError } from "../../stores/trust-store.ts";
import { limitBody, TRUST_MAX_BODY_BYTES } from "../body-limits.ts";
import { TrustImport } from "./admin-schemas.ts";

const PATHS: Record<string, TrustImportKind> = {
  "master-lists": "master_list",
  certificates: "certificate",
  crls: "crl",
  "pinned-roots": "pinned_root",
};

export const route = createRoute({
  method: "post",
  path: "/nfc/admin/v1/trust/{collection}",
  tags: ["Admin: trust store"],
  summary: "Import trust anchors",
  description:
    "`master-lists`: an ICAO or national CSCA master list (CMS-signed), accepted only when its signer chains to a pinned root. `certificates`: CSCA certificates (DER, or PEM with one or more). `crls`: CRLs (DER or PEM). `pinned-roots`: a certificate that master-list signers must chain to (e.g. the ICAO or a country's master-list signer CA). Send the file as `file` in base64, or PEM text. Nothing is stored when any part of the file is refused.",
  security: [{ adminToken: [] }],
  middleware: [adminAuth(), limitBody(TRUST_MAX_BODY_BYTES)] as const,
  request: {
    params: z.object({ collection: z.enum(["master-lists", "certificates", "crls", "pinned-roots"]) }),
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .strictObject({
              file: z.string().min(1).openapi({ description: "The file: base64 of DER, or PEM text." }),
              label: z.string().max(200).optional(),
            })
            .openapi("TrustImportRequest"),
        },
      },
    },
  },
  responses: {
    201: { description: "Imported.", content: { "application/json": { schema: TrustImport } } },
    ...errorResponses("edgekyc", 400, 401, 413, 415, 422, 429),
  },
});

function fileBytes(file: string): Uint8Array {
  if (file.trimStart().startsWith("-----BEGIN")) return new TextEncoder().encode(file);
  const compact = file.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) {
    throw new ApiError("validation_failed", "file must be base64 of DER, or PEM text", {
      details: [{ path: "file", message: "not base64 or PEM" }],
    });
  }
  return Uint8Array.from(atob(compact.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));
}

export const handler: RouteHandler<typeof route, NfcAppEnv> = async (c) => {
  const { collection } = c.req.valid("param");
  const body = c.req.valid("json");
  const kind = PATHS[collection] as TrustImportKind;
  try {
    const imported = await c.var.services.trust.import(kind, fileBytes(body.file), body.label ?? null);
    return c.json(imported, 201);
  } catch (error) {
    if (error instanceof EmrtdError || error instanceof TrustImportError) {
      throw new ApiError("validation_failed", `file refused: ${error.message}`, {
        details: [{ path: "file", message: error.message }],
      });
    }
    throw error;
  }
};
