// RSA with BigInt, for what WebCrypto refuses: public exponents other than 3/17/37/65537 (workerd),
// SHA-224, PSS with an MGF hash unlike the message hash, and ISO/IEC 9796-2 message recovery (Active
// Authentication). Public-key operations only, so timing side channels do not matter here.
import { EmrtdError } from "../errors.ts";
import { bigIntToBytes, bytesToBigInt, digest, equalBytes, HASH_LENGTH } from "./hash.ts";
import { HASH_OID_BY_NAME, type HashName } from "./oids.ts";

export interface RsaPublicKey {
  n: bigint;
  e: bigint;
  /** Modulus length in bits. */
  bits: number;
}

export function rsaKey(modulus: Uint8Array, exponent: Uint8Array): RsaPublicKey {
  const n = bytesToBigInt(modulus);
  const e = bytesToBigInt(exponent);
  const bits = n.toString(2).length;
  // Bounds keep the BigInt work small for hostile keys: 8192-bit moduli and exponents below the modulus.
  if (bits < 512 || bits > 8192)
    throw new EmrtdError("invalid_key", `RSA modulus of ${bits} bits (512..8192 accepted)`);
  if (n % 2n === 0n) throw new EmrtdError("invalid_key", "RSA modulus is even");
  if (e < 3n || e >= n || e % 2n === 0n)
    throw new EmrtdError("invalid_key", `RSA public exponent ${e} is invalid`);
  return { n, e, bits };
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** The public-key operation s^e mod n, as a byte string of the modulus's length. */
export function rsaPublic(key: RsaPublicKey, signature: Uint8Array): Uint8Array {
  const s = bytesToBigInt(signature);
  if (s >= key.n) throw new EmrtdError("invalid_input", "RSA signature is not smaller than the modulus");
  return bigIntToBytes(modPow(s, key.e, key.n), Math.ceil(key.bits / 8));
}

function digestInfo(hash: HashName, value: Uint8Array, withNull: boolean): Uint8Array {
  const oid = HASH_OID_BY_NAME[hash]
    .split(".")
    .map(Number)
    .reduce<number[]>((bytes, arc, index, arcs) => {
      if (index === 0) return bytes;
      if (index === 1) return [(arcs[0] as number) * 40 + arc];
      const septets: number[] = [];
      for (let v = arc; ; v = Math.floor(v / 128)) {
        septets.unshift((v % 128) | (septets.length ? 0x80 : 0));
        if (v < 128) break;
      }
      return bytes.concat(septets);
    }, []);
  const algorithm = [0x06, oid.length, ...oid, ...(withNull ? [0x05, 0x00] : [])];
  const algSeq = [0x30, algorithm.length, ...algorithm];
  const octets = [0x04, value.length, ...value];
  return new Uint8Array([0x30, algSeq.length + octets.length, ...algSeq, ...octets]);
}

/** RSASSA-PKCS1-v1_5 (RFC 8017 8.2.2), accepting DigestInfo with or without the NULL parameter. */
export async function verifyPkcs1(
  key: RsaPublicKey,
  hash: HashName,
  data: Uint8Array,
  signature: Uint8Array,
) {
  const em = rsaPublic(key, signature);
  const h = await digest(hash, data);
  return [true, false].some((withNull) => {
    const t = digestInfo(hash, h, withNull);
    if (em.length < t.length + 11) return false;
    const expected = new Uint8Array(em.length);
    expected[1] = 0x01;
    expected.fill(0xff, 2, em.length - t.length - 1);
    expected.set(t, em.length - t.length);
    return equalBytes(em, expected);
  });
}

async function mgf1(hash: HashName, seed: Uint8Array, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  const block = new Uint8Array(seed.length + 4);
  block.set(seed);
  for (let counter = 0, offset = 0; offset < length; counter++) {
    new DataView(block.buffer).setUint32(seed.length, counter);
    const part = await digest(hash, block);
    out.set(part.subarray(0, Math.min(part.length, length - offset)), offset);
    offset += part.length;
  }
  return out;
}

/** RSASSA-PSS (RFC 8017 9.1.2) with any hash, MGF1 hash and salt length. */
export async function verifyPss(
  key: RsaPublicKey,
  params: { hash: HashName; mgfHash: HashName; saltLength: number; trailerField?: number },
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const emBits = key.bits - 1;
  const emLen = Math.ceil(emBits / 8);
  const full = rsaPublic(key, signature);
  // The modulus-length output has one extra leading zero byte when emBits is a multiple of 8.
  if (full.length > emLen && full[0] !== 0) return false;
  const em = full.subarray(full.length - emLen);
  const hLen = HASH_LENGTH[params.hash];
  const sLen = params.saltLength;
  if (emLen < hLen + sLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const maskedDb = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const zeroBits = 8 * emLen - emBits;
  if (zeroBits > 0 && (maskedDb[0] as number) >> (8 - zeroBits) !== 0) return false;
  const mask = await mgf1(params.mgfHash, h, maskedDb.length);
  const db = maskedDb.map((b, i) => b ^ (mask[i] as number));
  if (zeroBits > 0) db[0] = (db[0] as number) & (0xff >> zeroBits);
  const psLen = emLen - hLen - sLen - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 0x01) return false;
  const salt = db.subarray(db.length - sLen);
  const mHash = await digest(params.hash, data);
  const mPrime = new Uint8Array(8 + hLen + sLen);
  mPrime.set(mHash, 8);
  mPrime.set(salt, 8 + hLen);
  return equalBytes(await digest(params.hash, mPrime), h);
}
