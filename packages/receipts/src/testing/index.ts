// Test support for receipts (import "@edgekyc/receipts/testing"): never imported by a Worker's code.
import { SDJwtVcInstance } from "@sd-jwt/sd-jwt-vc";
import { base64url, type JWK } from "jose";

/**
 * @sd-jwt/sd-jwt-vc set up only from the issuer's published JWKS and WebCrypto: it shares no code with
 * the issuing path or with verifyReceipt, so a receipt it accepts is one any SD-JWT VC verifier accepts.
 * `fetchStatusList` answers the status list token at a `status.status_list.uri`.
 */
export function independentVerifier(
  jwks: { keys: JWK[] },
  fetchStatusList: (uri: string) => Promise<string>,
): SDJwtVcInstance {
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
      if (alg !== "sha-256") throw new Error(`unexpected hash ${alg}`);
      const bytes = typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
      return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    },
    verifier: byKid,
    statusVerifier: byKid,
    kbVerifier: (data, signature, payload) => verify(data, signature, payload.cnf?.jwk as JWK | undefined),
    statusListFetcher: fetchStatusList,
  });
}
