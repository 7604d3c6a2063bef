import { z } from "zod";
import { payloadJsonBytes } from "./envelope.ts";
import { Capability, HttpUrl, IsoDateTime, Mode } from "./primitives.ts";

/**
 * Verification receipts: what a capability puts on the `kyc-receipts` queue when a verification reaches
 * its final result (`issue`), or when a verification is erased (`revoke`). The receipts Worker turns an
 * `issue` message into one signed SD-JWT VC per (partner, capability, subjectRef), keeps only its hash
 * and status, and delivers it to the partner as its own event through the webhook gateway.
 */

/** Largest claims object (UTF-8 bytes of `claims` + `disclosable` as JSON) a receipt request may carry. */
export const RECEIPT_CLAIMS_MAX_BYTES = 32 * 1024;

const ClaimValue = z.json();
const ClaimName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a snake_case claim name of at most 64 characters");
/**
 * Names a capability may not give a claim: the registered JWT / SD-JWT VC ones, and those the receipts
 * Worker sets from the request's own fields (packages/receipts refuses the same names when it signs).
 */
const RESERVED_CLAIMS = new Set([
  ...["iss", "sub", "iat", "nbf", "exp", "jti", "vct", "cnf", "status", "_sd", "_sd_alg"],
  ...["capability", "method", "outcome", "verified_at", "assurance", "partner_reference"],
]);

const ClaimSet = z.record(ClaimName, ClaimValue).check((ctx) => {
  for (const name of Object.keys(ctx.value)) {
    if (RESERVED_CLAIMS.has(name)) {
      ctx.issues.push({ code: "custom", input: name, path: [name], message: `${name} is set by the issuer` });
    }
  }
});

/** The end user's public key for holder binding (`cnf.jwk`): EC P-256 or Ed25519, public members only. */
export const HolderPublicJwk = z.union([
  z.strictObject({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    x: z.base64url().length(43, "must be a 32-byte coordinate as base64url"),
    y: z.base64url().length(43, "must be a 32-byte coordinate as base64url"),
    kid: z.string().max(128).optional(),
  }),
  z.strictObject({
    kty: z.literal("OKP"),
    crv: z.literal("Ed25519"),
    x: z.base64url().length(43, "must be a 32-byte key as base64url"),
    kid: z.string().max(128).optional(),
  }),
]);
export type HolderPublicJwk = z.infer<typeof HolderPublicJwk>;

/** How much the platform checked, in one word a verifier can act on, and one sentence saying why. */
export const ReceiptAssurance = z.strictObject({
  level: z.enum(["low", "substantial", "high"]),
  summary: z.string().min(1).max(512),
});

/** Which verification a receipt is about: the capability's own id for it (session, job, auth, token). */
const Subject = {
  partnerId: z.string().min(1).max(64),
  capability: Capability,
  /** The capability's id of the verification (session id, job id, authId, token). */
  subjectRef: z.string().min(1).max(128),
};

export const ReceiptIssueRequest = z
  .strictObject({
    kind: z.literal("issue"),
    specVersion: z.literal("1"),
    ...Subject,
    mode: Mode,
    /** The partner's own reference for the verification, when the dialect has one. */
    partnerReference: z.string().min(1).max(256).optional(),
    /** How it was verified, dotted lower-case words, e.g. `nfc.chip.passive_active` or `otp.sms`. */
    method: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, "must be dotted lower-case words"),
    /** Whether the verification succeeded. A failed verification still gets a receipt saying so. */
    outcome: z.enum(["passed", "failed"]),
    verifiedAt: IsoDateTime,
    assurance: ReceiptAssurance,
    /** Always-disclosed claims: nothing personal (outcomes, checks, levels). */
    claims: ClaimSet,
    /** Selectively disclosable claims: everything personal (names, numbers, dates, masked contacts). */
    disclosable: ClaimSet,
    holderKey: HolderPublicJwk.optional(),
    /** A session's own webhook URL, as on the result event. */
    webhookUrl: HttpUrl.optional(),
  })
  .check((ctx) => {
    const { claims, disclosable } = ctx.value;
    for (const name of Object.keys(claims)) {
      if (name in disclosable) {
        ctx.issues.push({
          code: "custom",
          input: name,
          path: ["disclosable", name],
          message: `${name} is in both claims and disclosable`,
        });
      }
    }
    const bytes = payloadJsonBytes({ claims, disclosable });
    if (bytes > RECEIPT_CLAIMS_MAX_BYTES) {
      ctx.issues.push({
        code: "custom",
        input: bytes,
        path: ["disclosable"],
        message: `claims are ${bytes} bytes; at most ${RECEIPT_CLAIMS_MAX_BYTES} are allowed`,
      });
    }
  });
export type ReceiptIssueRequest = z.output<typeof ReceiptIssueRequest>;

/** Revoke every receipt of a verification (it was erased, or the capability withdrew its result). */
export const ReceiptRevokeRequest = z.strictObject({
  kind: z.literal("revoke"),
  specVersion: z.literal("1"),
  ...Subject,
  reason: z.enum(["erased", "withdrawn"]),
});
export type ReceiptRevokeRequest = z.output<typeof ReceiptRevokeRequest>;

/** A message on the `kyc-receipts` queue. */
export const ReceiptQueueMessage = z.discriminatedUnion("kind", [ReceiptIssueRequest, ReceiptRevokeRequest]);
export type ReceiptQueueMessage = z.output<typeof ReceiptQueueMessage>;
export type ReceiptQueueMessageInput = z.input<typeof ReceiptQueueMessage>;

/** The revoke request for every receipt of one verification. */
export function receiptRevokeRequest(
  subject: { partnerId: string; capability: ReceiptRevokeRequest["capability"]; subjectRef: string },
  reason: ReceiptRevokeRequest["reason"],
): ReceiptRevokeRequest {
  return { kind: "revoke", specVersion: "1", ...subject, reason };
}
