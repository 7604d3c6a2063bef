import { SDJwtVcInstance } from "@sd-jwt/sd-jwt-vc";
import { base64url, exportJWK, generateKeyPair, type JWK } from "jose";
import {
  generateIssuerJwk,
  IssuerKeyRing,
  issueReceipt,
  type ReceiptContent,
  signStatusList,
} from "../../src/index.ts";

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

/**
 * @sd-jwt/sd-jwt-vc set up only from the issuer's published JWKS and WebCrypto: shares no code with the
 * issuing path or with verifyReceipt, so a receipt it accepts is one any SD-JWT VC verifier accepts.
 */
export function independentVerifier(jwks: { keys: JWK[] }, statusList?: string): SDJwtVcInstance {
  const verify = async (data: string, signature: string, jwk: JWK | undefined) => {
    if (!jwk) return false;
    const key = await crypto.subtle.importKey(
      "jwk",
      { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y },
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    return crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      key,
      base64url.decode(signature),
      new TextEncoder().encode(data),
    );
  };
  const byKid = (data: string, signature: string) => {
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(data.split(".")[0] as string)));
    return verify(
      data,
      signature,
      jwks.keys.find((key) => key.kid === header.kid),
    );
  };
  return new SDJwtVcInstance({
    hasher: async (data, alg) => {
      expectSha256(alg);
      const bytes = typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
      return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    },
    verifier: byKid,
    statusVerifier: byKid,
    kbVerifier: (data, signature, payload) => verify(data, signature, payload.cnf?.jwk as JWK | undefined),
    statusListFetcher: async (uri) => {
      if (uri !== STATUS_URI || !statusList) throw new Error(`no status list at ${uri}`);
      return statusList;
    },
  });
}

function expectSha256(alg: string): void {
  if (alg !== "sha-256") throw new Error(`unexpected hash ${alg}`);
}
