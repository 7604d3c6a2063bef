import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

/** The only signature algorithm of receipts and status lists: ECDSA P-256 with SHA-256. */
export const RECEIPT_ALG = "ES256";

/** One issuer key: its id, the CryptoKey that signs, and the public JWK verifiers get. */
export interface IssuerSigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: IssuerPublicJwk;
}

export interface IssuerPublicJwk extends JWK {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg: "ES256";
  use: "sig";
}

/** What `/.well-known/jwt-vc-issuer` publishes and what `verifyReceipt` takes: `{ keys: [...] }`. */
export interface IssuerJwks {
  keys: IssuerPublicJwk[];
}

/**
 * The issuer's key ring: every configured key verifies, the first one signs. Rotation puts a new key
 * first and keeps the old ones after it until every receipt they signed has expired from use.
 */
export class IssuerKeyRing {
  readonly keys: IssuerSigningKey[];

  private constructor(keys: IssuerSigningKey[]) {
    this.keys = keys;
  }

  /** The key that signs new receipts and status lists. */
  get signing(): IssuerSigningKey {
    return this.keys[0] as IssuerSigningKey;
  }

  /** Public keys only (`d` never leaves the ring). */
  get jwks(): IssuerJwks {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  /**
   * Parses `RECEIPT_SIGNING_KEYS`: a JWK set (`{"keys":[…]}`) of EC P-256 private keys, each with a
   * unique `kid`. Throws with a message naming what is wrong (never echoing key material).
   */
  static async fromJwks(text: string): Promise<IssuerKeyRing> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error('RECEIPT_SIGNING_KEYS must be a JSON JWK set: {"keys":[{…private EC P-256 JWK…}]}');
    }
    const list = (parsed as { keys?: unknown })?.keys;
    if (!Array.isArray(list) || list.length === 0) {
      throw new Error("RECEIPT_SIGNING_KEYS must hold at least one key in `keys`");
    }
    const seen = new Set<string>();
    const keys: IssuerSigningKey[] = [];
    for (const [index, jwk] of list.entries()) {
      const { kty, crv, x, y, d, kid } = (jwk ?? {}) as Record<string, unknown>;
      if (kty !== "EC" || crv !== "P-256" || typeof x !== "string" || typeof y !== "string") {
        throw new Error(`RECEIPT_SIGNING_KEYS key ${index} must be an EC P-256 JWK`);
      }
      if (typeof d !== "string") throw new Error(`RECEIPT_SIGNING_KEYS key ${index} has no private part (d)`);
      if (typeof kid !== "string" || !/^[A-Za-z0-9_.:-]{1,64}$/.test(kid) || seen.has(kid)) {
        throw new Error(
          `RECEIPT_SIGNING_KEYS key ${index} needs a unique kid of 1-64 of A-Z a-z 0-9 _ . : -`,
        );
      }
      seen.add(kid);
      const privateKey = (await importJWK({ kty, crv, x, y, d }, RECEIPT_ALG)) as CryptoKey;
      keys.push({ kid, privateKey, publicJwk: { kty, crv, x, y, kid, alg: RECEIPT_ALG, use: "sig" } });
    }
    return new IssuerKeyRing(keys);
  }
}

/** A new issuer private key as a JWK (for `RECEIPT_SIGNING_KEYS`, or a holder's key in tests and the CLI). */
export async function generateIssuerJwk(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(RECEIPT_ALG, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid };
}

/** The public key in `jwks` with this `kid`, or undefined. */
export function findKey(jwks: { keys: JWK[] }, kid: unknown): JWK | undefined {
  return typeof kid === "string" ? jwks.keys.find((key) => key.kid === kid) : undefined;
}
