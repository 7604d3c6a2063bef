import { ApiError, errorResponses } from "@edgekyc/platform";
import { CAPABILITIES, type Capability } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ReceiptsEnv } from "../../receipts-env.ts";

/** Each capability's receipt type: what it attests, in a sentence (the claims: docs/receipts/claims.md). */
const TYPES: Record<Capability, { name: string; description: string }> = {
  "nfc-session": {
    name: "EdgeKYC e-passport / eID chip verification receipt",
    description:
      "An identity document's chip was read over NFC and checked: passive authentication (signature, hashes, certificate chain, CRL, issuing state), active or chip authentication when the chip supports it, and face match and liveness when the session asked for them.",
  },
  "biometric-liveness": {
    name: "EdgeKYC face match and liveness receipt",
    description:
      "A selfie was matched to a document portrait and/or checked for liveness, with the outcomes and levels.",
  },
  "ekyc-otp-pennydrop": {
    name: "EdgeKYC possession receipt",
    description:
      "Possession of a phone number or email address (one-time code) or a bank account (penny drop) was proven.",
  },
  "poa-additional-steps": {
    name: "EdgeKYC proof of address review receipt",
    description:
      "A proof of address or additional step was reviewed, with the outcome and the compared fields.",
  },
};

const CapabilityParam = z.object({
  capability: z.string().openapi({ param: { name: "capability", in: "path" }, example: "nfc-session" }),
});

const TypeMetadata = z
  .object({ vct: z.string(), name: z.string(), description: z.string() })
  .openapi("TypeMetadata", { description: "SD-JWT VC type metadata of a receipt type." });

export const route = createRoute({
  method: "get",
  path: "/receipts/vct/{capability}/v1",
  tags: ["Verifiers"],
  summary: "Receipt type metadata",
  description: `The \`vct\` of a receipt is this URL. One type per capability: ${CAPABILITIES.join(", ")}.`,
  request: { params: CapabilityParam },
  responses: {
    200: { description: "Type metadata.", content: { "application/json": { schema: TypeMetadata } } },
    ...errorResponses("edgekyc", 404, 429),
  },
});

export const handler: RouteHandler<typeof route, ReceiptsEnv> = async (c) => {
  const { capability } = c.req.valid("param");
  if (!(CAPABILITIES as readonly string[]).includes(capability)) {
    throw new ApiError(
      "not_found",
      `no receipt type for ${capability}; the types are ${CAPABILITIES.join(", ")}`,
    );
  }
  c.header("cache-control", "public, max-age=3600");
  c.header("access-control-allow-origin", "*");
  return c.json({ vct: c.var.services.urls.vct(capability), ...TYPES[capability as Capability] }, 200);
};
