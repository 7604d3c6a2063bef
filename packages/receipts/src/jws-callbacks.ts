import type { Signer } from "@sd-jwt/types";
import { base64url, compactVerify, importJWK, type JWK } from "jose";

const ECDSA_P256 = { name: "ECDSA", hash: "SHA-256" } as const;

/**
 * The SD-JWT library signs `header.payload` through a callback. WebCrypto's ECDSA signature is already
 * the JWS form (r || s, 64 bytes), so no DER conversion is needed.
 */
export function es256Signer(privateKey: CryptoKey): Signer {
  return async (data) =>
    base64url.encode(
      new Uint8Array(await crypto.subtle.sign(ECDSA_P256, privateKey, new TextEncoder().encode(data))),
    );
}

/** The JWS algorithm a public JWK is used with: ES256 for EC P-256, EdDSA for Ed25519. */
function algorithmOf(jwk: JWK): "ES256" | "EdDSA" | undefined {
  if (jwk.kty === "EC" && jwk.crv === "P-256") return "ES256";
  if (jwk.kty === "OKP" && jwk.crv === "Ed25519") return "EdDSA";
  return undefined;
}

/**
 * Checks a compact JWS given as `header.payload` and its signature against one public JWK; false (never
 * a throw) on any mismatch, including an `alg` header that does not fit the key.
 */
export async function verifyJws(jwk: JWK, data: string, signature: string): Promise<boolean> {
  const alg = algorithmOf(jwk);
  if (!alg) return false;
  try {
    const { kty, crv, x, y } = jwk;
    const key = await importJWK(
      Object.fromEntries(Object.entries({ kty, crv, x, y }).filter(([, v]) => v)),
      alg,
    );
    await compactVerify(`${data}.${signature}`, key, {
      algorithms: alg === "EdDSA" ? ["EdDSA", "Ed25519"] : [alg],
    });
    return true;
  } catch {
    return false;
  }
}

/** The protected header of a compact JWS (`header.payload` or the whole token), without verifying it. */
export function jwsHeader(data: string): Record<string, unknown> {
  const [encoded] = data.split(".");
  try {
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(encoded ?? "")));
    return typeof header === "object" && header !== null ? header : {};
  } catch {
    return {};
  }
}

/** A KB-JWT signer for a holder's private JWK (EC P-256 or Ed25519). */
export async function holderSigner(privateJwk: JWK): Promise<{ signer: Signer; alg: string }> {
  const alg = algorithmOf(privateJwk);
  if (!alg || typeof privateJwk.d !== "string") {
    throw new Error("the holder key must be a private EC P-256 or Ed25519 JWK (with d)");
  }
  const key = (await importJWK(privateJwk, alg)) as CryptoKey;
  const params = alg === "ES256" ? ECDSA_P256 : { name: "Ed25519" };
  return {
    alg,
    signer: async (data) =>
      base64url.encode(new Uint8Array(await crypto.subtle.sign(params, key, new TextEncoder().encode(data)))),
  };
}
