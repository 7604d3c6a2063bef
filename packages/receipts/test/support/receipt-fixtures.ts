import type { SDJwtVcInstance } from "@sd-jwt/sd-jwt-vc";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import {
  generateIssuerJwk,
  IssuerKeyRing,
  issueReceipt,
  type ReceiptContent,
  signStatusList,
} from "../../src/index.ts";
import { independentVerifier as sharedIndependentVerifier } from "../../src/testing/index.ts";

export const ISSUER = "https://kyc.example/receipts";
export const STATUS_URI = `${ISSUER}/statuslists/0`;

export async function keyRing(...kids: string[]): Promise<IssuerKeyRing> {
  const keys = await Promise.all(kids.map((kid) => generateIssuerJwk(kid)));
  return IssuerKeyRing.fromJwks(JSON.stringify({ keys }));
}

export async function holderKeyPair(): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

function content(overrides: Partial<ReceiptContent> = {}): ReceiptContent {
  return {
    id: "rcp_01test",
    issuer: ISSUER,
    vct: `${ISSUER}/vct/nfc-session/v1`,
    capability: "nfc-session",
    method: "nfc.chip.passive_active",
    outcome: "passed",
    verifiedAt: "2026-12-01T10:00:00Z",
    assurance: { level: "high", summary: "chip signature, hashes and active authentication verified" },
    partnerReference: "order-42",
    claims: { checks: { passive_authentication: "passed", active_authentication: "passed" } },
    disclosable: { given_name: "ANNA", family_name: "DE VRIES", age_over_18: true, issuing_state: "NLD" },
    status: { idx: 7, uri: STATUS_URI },
    issuedAt: Math.floor(Date.now() / 1000),
    ...overrides,
  };
}

export async function issued(ring: IssuerKeyRing, overrides: Partial<ReceiptContent> = {}): Promise<string> {
  return issueReceipt(ring.signing, content(overrides));
}

export async function statusListOf(ring: IssuerKeyRing, invalid: number[]): Promise<string> {
  return signStatusList(ring.signing, {
    uri: STATUS_URI,
    invalid,
    issuedAt: Math.floor(Date.now() / 1000),
    ttlSeconds: 300,
  });
}

/** The package's independent verifier, with the status list this test signed (if any) at STATUS_URI. */
export function independentVerifier(jwks: { keys: JWK[] }, statusList?: string): SDJwtVcInstance {
  return sharedIndependentVerifier(jwks, async (uri) => {
    if (uri !== STATUS_URI || !statusList) throw new Error(`no status list at ${uri}`);
    return statusList;
  });
}
