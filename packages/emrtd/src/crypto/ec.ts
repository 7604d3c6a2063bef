// Elliptic curves: named or explicitly encoded (ECParameters), mapped to WebCrypto's NIST curves when
// the parameters match one, else verified with @noble/curves (brainpool and any other prime curve).
// Curve objects are built once per isolate and cached by their parameters.
import { Field } from "@noble/curves/abstract/modular.js";
import { ecdsa, weierstrass } from "@noble/curves/abstract/weierstrass.js";
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from "@noble/curves/misc.js";
import { p256, p384, p521 } from "@noble/curves/nist.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { type AsnNode, children, primitiveBytes, tagNumber } from "../asn1.ts";
import { EmrtdError } from "../errors.ts";
import { bigIntToBytes, bytesToBigInt } from "./hash.ts";
import { CURVE_OIDS, OID } from "./oids.ts";

type NobleEcdsa = typeof p256;

export interface EcCurve {
  /** e.g. "P-256", "brainpoolP384r1", or "explicit 320-bit curve" */
  name: string;
  /** Set when WebCrypto can verify on this curve. */
  webCrypto?: "P-256" | "P-384" | "P-521";
  noble: NobleEcdsa;
  /** Bytes of a field element (point coordinates). */
  fieldBytes: number;
  /** Bytes of a scalar (signature r and s). */
  orderBytes: number;
}

interface CurveParams {
  p: bigint;
  a: bigint;
  b: bigint;
  Gx: bigint;
  Gy: bigint;
  n: bigint;
  h: bigint;
}

const KNOWN: { name: string; noble: NobleEcdsa; webCrypto?: EcCurve["webCrypto"] }[] = [
  { name: "P-256", noble: p256, webCrypto: "P-256" },
  { name: "P-384", noble: p384, webCrypto: "P-384" },
  { name: "P-521", noble: p521, webCrypto: "P-521" },
  { name: "brainpoolP256r1", noble: brainpoolP256r1 },
  { name: "brainpoolP384r1", noble: brainpoolP384r1 },
  { name: "brainpoolP512r1", noble: brainpoolP512r1 },
];

const byteLength = (value: bigint) => Math.ceil(value.toString(2).length / 8);

function keyOf(c: CurveParams): string {
  return [c.p, c.a, c.b, c.Gx, c.Gy, c.n].map((v) => v.toString(16)).join(":");
}

function describe(name: string, noble: NobleEcdsa, webCrypto?: EcCurve["webCrypto"]): EcCurve {
  const c = noble.Point.CURVE();
  return { name, noble, webCrypto, fieldBytes: byteLength(c.p), orderBytes: byteLength(c.n) };
}

const cache = new Map<string, EcCurve>();
for (const known of KNOWN) {
  cache.set(
    keyOf(known.noble.Point.CURVE() as CurveParams),
    describe(known.name, known.noble, known.webCrypto),
  );
}
const byName = new Map([...cache.values()].map((curve) => [curve.name, curve]));

/** The curve of an EC public key: `params` is the AlgorithmIdentifier's parameters (OID or ECParameters). */
export function curveFromParameters(params: AsnNode | undefined): { curve: EcCurve; explicit: boolean } {
  if (!params)
    throw new EmrtdError("unsupported_algorithm", "EC key without curve parameters (implicitlyCA)");
  const tag = tagNumber(params);
  if (tag === 0x06) {
    const oid = String(params.valueBlock);
    const name = CURVE_OIDS[oid];
    const curve = name ? byName.get(name) : undefined;
    if (!curve) throw new EmrtdError("unsupported_algorithm", `named curve ${name ?? oid} is not supported`);
    return { curve, explicit: false };
  }
  if (tag !== 0x30)
    throw new EmrtdError("unsupported_algorithm", "EC key with implicit (NULL) curve parameters");
  return { curve: explicitCurve(params), explicit: true };
}

function integer(node: AsnNode | undefined, what: string): bigint {
  if (!node || tagNumber(node) !== 0x02)
    throw new EmrtdError("unexpected_structure", `ECParameters: ${what} is not an INTEGER`);
  return bytesToBigInt(primitiveBytes(node));
}

function octets(node: AsnNode | undefined, what: string): Uint8Array {
  if (!node || tagNumber(node) !== 0x04)
    throw new EmrtdError("unexpected_structure", `ECParameters: ${what} is not an OCTET STRING`);
  return primitiveBytes(node);
}

function explicitCurve(params: AsnNode): EcCurve {
  const [, fieldId, curveSeq, base, order, cofactor] = children(params);
  const [fieldType, prime] = fieldId ? children(fieldId) : [];
  const fieldOid = fieldType && tagNumber(fieldType) === 0x06 ? String(fieldType.valueBlock) : undefined;
  if (fieldOid !== OID.primeField) {
    throw new EmrtdError(
      "unsupported_algorithm",
      `ECParameters: field type ${fieldOid ?? "missing"} (only prime fields)`,
    );
  }
  const p = integer(prime, "prime");
  const bits = p.toString(2).length;
  if (bits < 160 || bits > 521)
    throw new EmrtdError("unsupported_algorithm", `ECParameters: ${bits}-bit field (160..521 supported)`);
  const [aNode, bNode] = curveSeq ? children(curveSeq) : [];
  const a = bytesToBigInt(octets(aNode, "a"));
  const b = bytesToBigInt(octets(bNode, "b"));
  const n = integer(order, "order");
  const h = cofactor ? integer(cofactor, "cofactor") : 1n;
  const g = octets(base, "base point");
  const fieldBytes = Math.ceil(bits / 8);
  let Gx: bigint;
  let Gy: bigint;
  if (g[0] === 0x04 && g.length === 1 + 2 * fieldBytes) {
    Gx = bytesToBigInt(g.subarray(1, 1 + fieldBytes));
    Gy = bytesToBigInt(g.subarray(1 + fieldBytes));
  } else if ((g[0] === 0x02 || g[0] === 0x03) && g.length === 1 + fieldBytes) {
    const Fp = Field(p);
    Gx = bytesToBigInt(g.subarray(1));
    const y = Fp.sqrt(Fp.add(Fp.add(Fp.mul(Fp.mul(Gx, Gx), Gx), Fp.mul(a, Gx)), b));
    Gy = (y & 1n) === BigInt((g[0] as number) & 1) ? y : Fp.neg(y);
  } else {
    throw new EmrtdError("unexpected_structure", "ECParameters: base point is not a valid encoded point");
  }
  const params_: CurveParams = { p, a, b, Gx, Gy, n, h };
  const cached = cache.get(keyOf(params_));
  if (cached) return cached;
  let noble: NobleEcdsa;
  try {
    noble = ecdsa(weierstrass(params_), sha256) as NobleEcdsa;
  } catch (error) {
    throw new EmrtdError("invalid_key", `ECParameters: not a usable curve (${(error as Error).message})`);
  }
  const curve = describe(`explicit ${bits}-bit curve`, noble);
  // Bounded: a hostile stream of distinct curves must not grow memory without limit.
  if (cache.size < 64) cache.set(keyOf(params_), curve);
  return curve;
}

/** ECDSA (r, s) from DER, as fixed-width r‖s for the curve; undefined when not a valid DER signature. */
export function rawSignature(
  der: Uint8Array,
  curve: EcCurve,
  decode: (bytes: Uint8Array) => AsnNode,
): Uint8Array | undefined {
  let r: bigint;
  let s: bigint;
  try {
    const seq = decode(der);
    const [rNode, sNode, extra] = children(seq);
    if (tagNumber(seq) !== 0x30 || !rNode || !sNode || extra) return undefined;
    r = integer(rNode, "r");
    s = integer(sNode, "s");
  } catch {
    return undefined;
  }
  return joinRs(r, s, curve);
}

export function joinRs(r: bigint, s: bigint, curve: EcCurve): Uint8Array | undefined {
  const n = curve.noble.Point.CURVE().n;
  if (r <= 0n || s <= 0n || r >= n || s >= n) return undefined;
  const out = new Uint8Array(2 * curve.orderBytes);
  out.set(bigIntToBytes(r, curve.orderBytes), 0);
  out.set(bigIntToBytes(s, curve.orderBytes), curve.orderBytes);
  return out;
}

/** Verifies a raw r‖s signature over a digest (already hashed), accepting high-S as real passports need. */
export function verifyDigest(curve: EcCurve, point: Uint8Array, digest: Uint8Array, rs: Uint8Array): boolean {
  try {
    return curve.noble.verify(rs, digest, point, { prehash: false, lowS: false, format: "compact" });
  } catch {
    return false;
  }
}

export function checkPoint(curve: EcCurve, point: Uint8Array): void {
  try {
    curve.noble.Point.fromBytes(point).assertValidity();
  } catch (error) {
    throw new EmrtdError(
      "invalid_key",
      `EC public key is not a point on ${curve.name} (${(error as Error).message})`,
    );
  }
}
