import { SDJwtVcInstance } from "@sd-jwt/sd-jwt-vc";
import type { JWK } from "jose";
import type { IssuerSigningKey } from "./issuer-keys.ts";
import { RECEIPT_ALG } from "./issuer-keys.ts";
import { es256Signer } from "./jws-callbacks.ts";
import { randomSalt, sha256Hasher } from "./sd-jwt-crypto.ts";

/** Top-level claims the receipt itself sets; a capability's claims may not use these names. */
export const RECEIPT_OWN_CLAIMS = [
  "jti",
  "capability",
  "method",
  "outcome",
  "verified_at",
  "assurance",
  "partner_reference",
] as const;
const REGISTERED = ["iss", "sub", "iat", "nbf", "exp", "vct", "cnf", "status", "_sd", "_sd_alg"];

export interface ReceiptContent {
  /** Receipt id (`jti`). */
  id: string;
  issuer: string;
  vct: string;
  capability: string;
  method: string;
  outcome: "passed" | "failed";
  verifiedAt: string;
  assurance: { level: string; summary: string };
  /** The partner's reference: selectively disclosable (a partner's internal id need not reach a verifier). */
  partnerReference?: string;
  /** Always disclosed: nothing personal. */
  claims: Record<string, unknown>;
  /** Each top-level member is its own disclosure. */
  disclosable: Record<string, unknown>;
  holderKey?: JWK;
  status: { idx: number; uri: string };
  /** Seconds since the epoch. */
  issuedAt: number;
  /** Decoy digests added to the top-level `_sd` so the number of hidden claims is not revealed. */
  decoys?: number;
}

/** Why a receipt could not be issued from this content (a permanent fault of the request). */
export class ReceiptContentError extends Error {
  override name = "ReceiptContentError";
}

/** Signs one SD-JWT VC (`typ: dc+sd-jwt`) with the ring's signing key; returns its compact form with every disclosure. */
export async function issueReceipt(key: IssuerSigningKey, content: ReceiptContent): Promise<string> {
  const own = new Set<string>([...RECEIPT_OWN_CLAIMS, ...REGISTERED]);
  for (const name of [...Object.keys(content.claims), ...Object.keys(content.disclosable)]) {
    if (own.has(name)) throw new ReceiptContentError(`claim ${name} is set by the receipt itself`);
  }
  const payload: Record<string, unknown> = {
    iss: content.issuer,
    iat: content.issuedAt,
    vct: content.vct,
    jti: content.id,
    capability: content.capability,
    method: content.method,
    outcome: content.outcome,
    verified_at: content.verifiedAt,
    assurance: content.assurance,
    ...content.claims,
    ...content.disclosable,
    ...(content.partnerReference === undefined ? {} : { partner_reference: content.partnerReference }),
    status: { status_list: content.status },
    ...(content.holderKey ? { cnf: { jwk: publicOnly(content.holderKey) } } : {}),
  };
  const sd = [...Object.keys(content.disclosable)];
  if (content.partnerReference !== undefined) sd.push("partner_reference");
  const sdjwt = new SDJwtVcInstance({
    hasher: sha256Hasher,
    hashAlg: "sha-256",
    saltGenerator: randomSalt,
    signer: es256Signer(key.privateKey),
    signAlg: RECEIPT_ALG,
  });
  return sdjwt.issue(
    payload as Parameters<typeof sdjwt.issue>[0],
    { _sd: sd, ...(content.decoys ? { _sd_decoy: content.decoys } : {}) } as never,
    { header: { kid: key.kid } },
  );
}

function publicOnly(jwk: JWK): JWK {
  const { kty, crv, x, y, kid } = jwk;
  return Object.fromEntries(Object.entries({ kty, crv, x, y, kid }).filter(([, v]) => v !== undefined));
}
