// Signature schemes and public keys: which algorithm an AlgorithmIdentifier names, and verification
// with WebCrypto where the runtime can (native speed) or BigInt RSA / @noble/curves where it cannot.
import { type AsnNode, children, decodeDer, primitiveBytes, tagNumber } from "../asn1.ts";
import { EmrtdError, parsing } from "../errors.ts";
import { checkPoint, curveFromParameters, type EcCurve, joinRs, rawSignature, verifyDigest } from "./ec.ts";
import { digest, hashByOid } from "./hash.ts";
import { ECDSA_OIDS, ECDSA_PLAIN_OIDS, type HashName, OID, RSA_PKCS1_OIDS } from "./oids.ts";
import { type RsaPublicKey, rsaKey, verifyPkcs1, verifyPss } from "./rsa.ts";

export type SignatureScheme =
  | { kind: "rsa-pkcs1"; hash: HashName }
  | { kind: "rsa-pss"; hash: HashName; mgfHash: HashName; saltLength: number }
  | { kind: "ecdsa"; hash: HashName; encoding: "der" | "plain" };

export function describeScheme(scheme: SignatureScheme): string {
  if (scheme.kind === "rsa-pkcs1") return `RSA PKCS#1 v1.5 with ${scheme.hash}`;
  if (scheme.kind === "rsa-pss")
    return `RSASSA-PSS with ${scheme.hash} (MGF1 ${scheme.mgfHash}, salt ${scheme.saltLength})`;
  return `ECDSA with ${scheme.hash}${scheme.encoding === "plain" ? " (plain r‖s)" : ""}`;
}

/**
 * The scheme named by a signature AlgorithmIdentifier. `digestHash` is the CMS digestAlgorithm, which
 * bare rsaEncryption / ecPublicKey "signature algorithms" take their hash from (quirks notes, 3).
 */
export function signatureScheme(
  oid: string,
  params: AsnNode | undefined,
  digestHash?: HashName,
): SignatureScheme {
  const rsaHash = RSA_PKCS1_OIDS[oid];
  if (rsaHash) return { kind: "rsa-pkcs1", hash: rsaHash };
  const ecHash = ECDSA_OIDS[oid];
  if (ecHash) return { kind: "ecdsa", hash: ecHash, encoding: "der" };
  const plainHash = ECDSA_PLAIN_OIDS[oid];
  if (plainHash) return { kind: "ecdsa", hash: plainHash, encoding: "plain" };
  if (oid === OID.rsaEncryption || oid === OID.ecPublicKey) {
    if (!digestHash)
      throw new EmrtdError("unsupported_algorithm", `bare ${oid} signature without a digest algorithm`);
    return oid === OID.rsaEncryption
      ? { kind: "rsa-pkcs1", hash: digestHash }
      : { kind: "ecdsa", hash: digestHash, encoding: "der" };
  }
  if (oid === OID.rsassaPss) return pssScheme(params);
  throw new EmrtdError("unsupported_algorithm", `signature algorithm ${oid} is not supported`);
}

/** RSASSA-PSS-params (RFC 4055); every field has a default (SHA-1, MGF1-SHA-1, salt 20). */
function pssScheme(params: AsnNode | undefined): SignatureScheme {
  let hash: HashName = "SHA-1";
  let mgfHash: HashName = "SHA-1";
  let saltLength = 20;
  const algorithmOid = (node: AsnNode | undefined) => {
    const first = node ? children(node)[0] : undefined;
    if (!first || tagNumber(first) !== 0x06)
      throw new EmrtdError("unexpected_structure", "RSASSA-PSS parameters: bad AlgorithmIdentifier");
    return String(first.valueBlock);
  };
  if (params && tagNumber(params) === 0x30) {
    for (const field of children(params)) {
      const inner = children(field)[0];
      switch (tagNumber(field)) {
        case 0xa0:
          hash = hashByOid(algorithmOid(inner), "RSASSA-PSS hash");
          break;
        case 0xa1: {
          if (algorithmOid(inner) !== OID.mgf1)
            throw new EmrtdError("unsupported_algorithm", "RSASSA-PSS: mask generation other than MGF1");
          mgfHash = hashByOid(algorithmOid(inner ? children(inner)[1] : undefined), "RSASSA-PSS MGF1 hash");
          break;
        }
        case 0xa2: {
          const bytes = inner && tagNumber(inner) === 0x02 ? primitiveBytes(inner) : undefined;
          if (!bytes || bytes.length > 2)
            throw new EmrtdError("unexpected_structure", "RSASSA-PSS: bad salt length");
          saltLength = bytes.reduce((v, b) => v * 256 + b, 0);
          break;
        }
        case 0xa3:
          break; // trailerField: 1 (0xbc) is the only value in use
        default:
          throw new EmrtdError("unexpected_structure", "RSASSA-PSS parameters: unknown field");
      }
    }
  }
  return { kind: "rsa-pss", hash, mgfHash, saltLength };
}

export type KeyDescription =
  | { type: "RSA"; bits: number; exponent: string }
  | { type: "EC"; curve: string; explicit: boolean };

const WEBCRYPTO_EXPONENTS = new Set([3n, 17n, 37n, 65537n]);

/** A public key (from a SubjectPublicKeyInfo) ready to verify; imported WebCrypto keys are kept. */
export class VerificationKey {
  readonly description: KeyDescription;
  private readonly rsa?: RsaPublicKey;
  private readonly ec?: { curve: EcCurve; point: Uint8Array };
  private readonly spki: Uint8Array;
  private readonly imported = new Map<string, Promise<CryptoKey | undefined>>();

  private constructor(
    spki: Uint8Array,
    rsa?: RsaPublicKey,
    ec?: { curve: EcCurve; point: Uint8Array; explicit: boolean },
  ) {
    this.spki = spki;
    this.rsa = rsa;
    this.ec = ec;
    this.description = rsa
      ? { type: "RSA", bits: rsa.bits, exponent: rsa.e.toString() }
      : { type: "EC", curve: ec?.curve.name ?? "?", explicit: ec?.explicit ?? false };
  }

  /** From the DER of a SubjectPublicKeyInfo. */
  static fromSpki(spki: Uint8Array): VerificationKey {
    const root = decodeDer(spki, "SubjectPublicKeyInfo");
    const [algorithm, bitString] = children(root);
    const [oidNode, params] = algorithm ? children(algorithm) : [];
    if (!oidNode || tagNumber(oidNode) !== 0x06 || !bitString || tagNumber(bitString) !== 0x03) {
      throw new EmrtdError(
        "unexpected_structure",
        "SubjectPublicKeyInfo: expected SEQUENCE { AlgorithmIdentifier, BIT STRING }",
      );
    }
    const oid = String(oidNode.valueBlock);
    const keyBytes = primitiveBytes(bitString); // asn1js leaves out the unused-bits octet
    if (oid === OID.rsaEncryption || oid === OID.rsassaPss) {
      const key = decodeDer(keyBytes, "RSAPublicKey");
      const [n, e] = children(key);
      if (!n || !e || tagNumber(n) !== 0x02 || tagNumber(e) !== 0x02) {
        throw new EmrtdError(
          "unexpected_structure",
          "RSAPublicKey: expected SEQUENCE { modulus, publicExponent }",
        );
      }
      return new VerificationKey(spki, rsaKey(primitiveBytes(n), primitiveBytes(e)));
    }
    if (oid === OID.ecPublicKey) {
      const { curve, explicit } = curveFromParameters(params);
      checkPoint(curve, keyBytes);
      return new VerificationKey(spki, undefined, { curve, point: keyBytes, explicit });
    }
    throw new EmrtdError("unsupported_algorithm", `public key algorithm ${oid} is not supported`);
  }

  describe(): string {
    const d = this.description;
    return d.type === "RSA"
      ? `RSA-${d.bits} (e=${d.exponent})`
      : `EC ${d.curve}${d.explicit ? " (explicit parameters)" : ""}`;
  }

  /** The raw public point of an EC key (for Active Authentication with plain signatures). */
  get ecCurve(): EcCurve | undefined {
    return this.ec?.curve;
  }

  get rsaKey(): RsaPublicKey | undefined {
    return this.rsa;
  }

  async verify(scheme: SignatureScheme, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
    if (scheme.kind === "ecdsa") {
      if (!this.ec) return false;
      const rs =
        scheme.encoding === "plain"
          ? plainRs(signature, this.ec.curve)
          : rawSignature(signature, this.ec.curve, (b) => decodeDer(b, "ECDSA signature"));
      if (!rs) return false;
      const key =
        this.ec.curve.webCrypto && scheme.hash !== "SHA-224" ? await this.webKey(scheme) : undefined;
      if (key)
        return crypto.subtle.verify(
          { name: "ECDSA", hash: scheme.hash },
          key,
          rs as Uint8Array<ArrayBuffer>,
          data as Uint8Array<ArrayBuffer>,
        );
      return verifyDigest(this.ec.curve, this.ec.point, await digest(scheme.hash, data), rs);
    }
    if (!this.rsa) return false;
    if (signature.length > Math.ceil(this.rsa.bits / 8)) return false;
    const key = await this.webKey(scheme);
    if (key) {
      const params =
        scheme.kind === "rsa-pss"
          ? { name: "RSA-PSS", saltLength: scheme.saltLength }
          : { name: "RSASSA-PKCS1-v1_5" };
      const valid = await crypto.subtle.verify(
        params,
        key,
        signature as Uint8Array<ArrayBuffer>,
        data as Uint8Array<ArrayBuffer>,
      );
      // WebCrypto insists on the DigestInfo's NULL parameter, which some issuers leave out; the BigInt
      // path accepts both encodings. Only signatures that are failing anyway pay for the second check.
      if (valid || scheme.kind === "rsa-pss") return valid;
    }
    try {
      return scheme.kind === "rsa-pss"
        ? await verifyPss(this.rsa, scheme, data, signature)
        : await verifyPkcs1(this.rsa, scheme.hash, data, signature);
    } catch (error) {
      if (error instanceof EmrtdError) return false;
      throw error;
    }
  }

  /** The WebCrypto key for a scheme, or undefined where WebCrypto cannot do it (then BigInt/noble). */
  private webKey(scheme: SignatureScheme): Promise<CryptoKey | undefined> {
    if (scheme.hash === "SHA-224") return Promise.resolve(undefined);
    if (scheme.kind === "rsa-pss" && scheme.mgfHash !== scheme.hash) return Promise.resolve(undefined);
    if (this.rsa && !WEBCRYPTO_EXPONENTS.has(this.rsa.e)) return Promise.resolve(undefined);
    const id = `${scheme.kind}:${scheme.hash}`;
    let key = this.imported.get(id);
    if (!key) {
      key = this.importWebKey(scheme).catch(() => undefined);
      this.imported.set(id, key);
    }
    return key;
  }

  private importWebKey(scheme: SignatureScheme): Promise<CryptoKey> {
    if (this.ec?.curve.webCrypto) {
      return crypto.subtle.importKey(
        "raw",
        this.ec.point as Uint8Array<ArrayBuffer>,
        { name: "ECDSA", namedCurve: this.ec.curve.webCrypto },
        false,
        ["verify"],
      );
    }
    // RSA: import a plain rsaEncryption SPKI (an RSASSA-PSS-typed SPKI is refused by some runtimes).
    const name = scheme.kind === "rsa-pss" ? "RSA-PSS" : "RSASSA-PKCS1-v1_5";
    return crypto.subtle.importKey(
      "spki",
      rsaSpki(this.spki) as Uint8Array<ArrayBuffer>,
      { name, hash: scheme.hash },
      false,
      ["verify"],
    );
  }
}

function plainRs(signature: Uint8Array, curve: EcCurve): Uint8Array | undefined {
  if (signature.length % 2 !== 0) return undefined;
  const half = signature.length / 2;
  const toBig = (b: Uint8Array) => b.reduce((v, x) => (v << 8n) | BigInt(x), 0n);
  return joinRs(toBig(signature.subarray(0, half)), toBig(signature.subarray(half)), curve);
}

/** The SPKI with its algorithm rewritten to rsaEncryption (the key bits unchanged). */
function rsaSpki(spki: Uint8Array): Uint8Array {
  return parsing("RSA SubjectPublicKeyInfo", () => {
    const root = decodeDer(spki, "SubjectPublicKeyInfo");
    const bitString = children(root)[1] as AsnNode;
    const keyBits = new Uint8Array(bitString.valueBeforeDecodeView);
    const algorithm = [
      0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    ];
    const body = new Uint8Array(algorithm.length + keyBits.length);
    body.set(algorithm);
    body.set(keyBits, algorithm.length);
    return new Uint8Array([...derHeader(0x30, body.length), ...body]);
  });
}

function derHeader(tag: number, length: number): number[] {
  if (length < 0x80) return [tag, length];
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l % 256);
  return [tag, 0x80 | bytes.length, ...bytes];
}
