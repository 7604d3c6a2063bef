// Key pairs for fixtures: RSA through WebCrypto (with the private exponent kept for raw operations
// such as ISO/IEC 9796-2), EC through @noble/curves on NIST and brainpool curves, with the public key
// written with a named curve or with explicit parameters as most real CSCAs do.
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from "@noble/curves/misc.js";
import { p256, p384, p521 } from "@noble/curves/nist.js";
import { bigIntToBytes, bytesToBigInt, digest } from "../crypto/hash.ts";
import {
  CURVE_OID_BY_NAME,
  ECDSA_OIDS,
  HASH_OID_BY_NAME,
  type HashName,
  OID,
  RSA_PKCS1_OIDS,
} from "../crypto/oids.ts";
import {
  bitString,
  context,
  encode,
  int,
  type Node,
  nullValue,
  octets,
  oid,
  seq,
  uint,
} from "./der-builder.ts";

export type FixtureAlgorithm =
  | "rsa-pkcs1-sha256"
  | "rsa-pkcs1-sha1"
  | "rsa-pss-sha256"
  | "rsa-bare-sha256"
  | "ecdsa-p256-sha256"
  | "ecdsa-p384-sha384"
  | "ecdsa-p521-sha512"
  | "ecdsa-brainpoolP256r1-sha256"
  | "ecdsa-brainpoolP384r1-sha384"
  | "ecdsa-brainpoolP512r1-sha512";

export const FIXTURE_ALGORITHMS: FixtureAlgorithm[] = [
  "rsa-pkcs1-sha256",
  "rsa-pkcs1-sha1",
  "rsa-pss-sha256",
  "rsa-bare-sha256",
  "ecdsa-p256-sha256",
  "ecdsa-p384-sha384",
  "ecdsa-p521-sha512",
  "ecdsa-brainpoolP256r1-sha256",
  "ecdsa-brainpoolP384r1-sha384",
  "ecdsa-brainpoolP512r1-sha512",
];

/** The curve segment of a FixtureAlgorithm → the noble curve and its name in CURVE_OIDS. */
const CURVES: Record<string, { curve: typeof p256; name: string }> = {
  p256: { curve: p256, name: "P-256" },
  p384: { curve: p384, name: "P-384" },
  p521: { curve: p521, name: "P-521" },
  brainpoolP256r1: { curve: brainpoolP256r1, name: "brainpoolP256r1" },
  brainpoolP384r1: { curve: brainpoolP384r1, name: "brainpoolP384r1" },
  brainpoolP512r1: { curve: brainpoolP512r1, name: "brainpoolP512r1" },
};

export interface KeyOptions {
  /** RSA modulus bits (default 2048). */
  rsaBits?: number;
  /** EC public key with explicit curve parameters instead of the named-curve OID. */
  explicitCurve?: boolean;
}

export interface FixtureKey {
  algorithm: FixtureAlgorithm;
  hash: HashName;
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** The AlgorithmIdentifier this key signs with (as used in certificates and SignerInfo). */
  signatureAlgorithm(): Node;
  /** Signs `data` (hashing it), returning what goes into the signature field. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** RSA only: the raw private operation m^d mod n (for ISO/IEC 9796-2 answers). */
  rsaPrivate?(message: Uint8Array): Uint8Array;
  /** EC only: signs a digest, returning raw r‖s (for AA answers). */
  ecSignDigest?(hashValue: Uint8Array): Uint8Array;
}

const b64url = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

function hashOf(algorithm: FixtureAlgorithm): HashName {
  const suffix = algorithm.split("-").pop() as string;
  return `SHA-${suffix.slice(3)}` as HashName;
}

export async function generateKey(
  algorithm: FixtureAlgorithm,
  options: KeyOptions = {},
): Promise<FixtureKey> {
  const hash = hashOf(algorithm);
  if (algorithm.startsWith("rsa-")) return rsaKey(algorithm, hash, options.rsaBits ?? 2048);
  const spec = CURVES[algorithm.split("-")[1] as string];
  if (!spec) throw new Error(`no curve for ${algorithm}`);
  return ecKey(algorithm, hash, spec.name, spec.curve, options.explicitCurve ?? false);
}

async function rsaKey(algorithm: FixtureAlgorithm, hash: HashName, bits: number): Promise<FixtureKey> {
  const pss = algorithm.startsWith("rsa-pss");
  const name = pss ? "RSA-PSS" : "RSASSA-PKCS1-v1_5";
  const pair = (await crypto.subtle.generateKey(
    { name, modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const spki = new Uint8Array((await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer);
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  const n = bytesToBigInt(b64url(jwk.n as string));
  const d = bytesToBigInt(b64url(jwk.d as string));
  const length = Math.ceil(bits / 8);
  const saltLength = (await digest(hash, new Uint8Array())).length;
  return {
    algorithm,
    hash,
    spki,
    signatureAlgorithm() {
      if (pss) {
        const hashAlg = seq(oid(HASH_OID_BY_NAME[hash]), nullValue());
        return seq(
          oid(OID.rsassaPss),
          seq(
            context(0, hashAlg),
            context(1, seq(oid(OID.mgf1), seq(oid(HASH_OID_BY_NAME[hash]), nullValue()))),
            context(2, int(saltLength)),
          ),
        );
      }
      if (algorithm === "rsa-bare-sha256") return seq(oid(OID.rsaEncryption), nullValue());
      const sigOid = Object.entries(RSA_PKCS1_OIDS).find(([, h]) => h === hash)?.[0] as string;
      return seq(oid(sigOid), nullValue());
    },
    async sign(data) {
      const params = pss ? { name, saltLength } : { name };
      return new Uint8Array(
        await crypto.subtle.sign(params, pair.privateKey, data as Uint8Array<ArrayBuffer>),
      );
    },
    rsaPrivate(message) {
      let result = 1n;
      let base = bytesToBigInt(message) % n;
      for (let e = d; e > 0n; e >>= 1n) {
        if (e & 1n) result = (result * base) % n;
        base = (base * base) % n;
      }
      return bigIntToBytes(result, length);
    },
  };
}

function ecKey(
  algorithm: FixtureAlgorithm,
  hash: HashName,
  curveName: string,
  curve: typeof p256,
  explicit: boolean,
): FixtureKey {
  const secret = curve.utils.randomSecretKey();
  const point = curve.getPublicKey(secret, false);
  const c = curve.Point.CURVE();
  const fieldBytes = Math.ceil(c.p.toString(2).length / 8);
  const params: Node = explicit
    ? seq(
        int(1),
        seq(oid(OID.primeField), uint(bigIntToBytes(c.p, fieldBytes))),
        seq(octets(bigIntToBytes(c.a, fieldBytes)), octets(bigIntToBytes(c.b, fieldBytes))),
        octets(new Uint8Array([4, ...bigIntToBytes(c.Gx, fieldBytes), ...bigIntToBytes(c.Gy, fieldBytes)])),
        uint(bigIntToBytes(c.n, Math.ceil(c.n.toString(2).length / 8))),
        int(1),
      )
    : oid(CURVE_OID_BY_NAME[curveName] as string);
  const spki = encode(seq(seq(oid(OID.ecPublicKey), params), bitString(point)));
  const signDigest = (h: Uint8Array) =>
    curve.sign(h, secret, { prehash: false, lowS: false, format: "compact" });
  return {
    algorithm,
    hash,
    spki,
    signatureAlgorithm() {
      return seq(oid(Object.entries(ECDSA_OIDS).find(([, h]) => h === hash)?.[0] as string));
    },
    async sign(data) {
      const rs = signDigest(await digest(hash, data));
      const half = rs.length / 2;
      return encode(seq(uint(rs.subarray(0, half)), uint(rs.subarray(half))));
    },
    ecSignDigest: signDigest,
  };
}
