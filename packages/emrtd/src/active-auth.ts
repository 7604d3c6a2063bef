// Active Authentication (ICAO 9303-11 §6.1): the chip signs a server-issued challenge with the private
// key whose public half is in DG15, proving the chip is not a copy. RSA keys answer with ISO/IEC 9796-2
// (scheme 1, partial message recovery); EC keys with ECDSA (plain r‖s per BSI TR-03111, or DER).
import { children, encodedBytes } from "./asn1.ts";
import { digest, equalBytes, HASH_LENGTH } from "./crypto/hash.ts";
import type { HashName } from "./crypto/oids.ts";
import { rsaPublic } from "./crypto/rsa.ts";
import { VerificationKey } from "./crypto/signature.ts";
import { EmrtdError } from "./errors.ts";
import { decodeDataGroup } from "./lds/data-group.ts";

export interface ActiveAuthResult {
  valid: boolean;
  detail: string;
}

/** The Active Authentication public key in DG15 (6F { SubjectPublicKeyInfo }). */
export function parseDg15(bytes: Uint8Array): VerificationKey {
  const node = decodeDataGroup(15, bytes);
  const spki = children(node)[0];
  if (!spki) throw new EmrtdError("unexpected_structure", "DG15: no SubjectPublicKeyInfo");
  return VerificationKey.fromSpki(encodedBytes(spki));
}

// ISO/IEC 9796-2 trailers: 0xBC means SHA-1; 0x??CC names the hash in its first byte (ISO/IEC 10118-3).
const TRAILER_HASH: Record<number, HashName> = {
  51: "SHA-1",
  56: "SHA-224",
  52: "SHA-256",
  54: "SHA-384",
  53: "SHA-512",
};

/**
 * Verifies the chip's answer `signature` to `challenge` with the DG15 key. The challenge must be the
 * one the server issued for this session (8 bytes per ICAO 9303); otherwise a recorded answer replays.
 */
export async function verifyActiveAuthentication(
  dg15: Uint8Array | VerificationKey,
  challenge: Uint8Array,
  signature: Uint8Array,
): Promise<ActiveAuthResult> {
  if (challenge.length < 8 || challenge.length > 64)
    throw new EmrtdError("invalid_input", `AA challenge of ${challenge.length} bytes (8..64)`);
  if (signature.length === 0 || signature.length > 1024)
    throw new EmrtdError("invalid_input", `AA signature of ${signature.length} bytes`);
  const key = dg15 instanceof VerificationKey ? dg15 : parseDg15(dg15);
  if (key.rsaKey) return verifyIso9796(key, challenge, signature);
  return verifyEcdsaAa(key, challenge, signature);
}

async function verifyIso9796(
  key: VerificationKey,
  challenge: Uint8Array,
  signature: Uint8Array,
): Promise<ActiveAuthResult> {
  const rsa = key.rsaKey;
  if (!rsa) return { valid: false, detail: "no RSA key" };
  let f: Uint8Array;
  try {
    f = rsaPublic(rsa, signature);
  } catch (error) {
    return { valid: false, detail: (error as Error).message };
  }
  // Strip the leading zero bytes the key width adds before looking for the header (quirks notes, 16).
  let start = 0;
  while (start < f.length && f[start] === 0) start++;
  const m = f.subarray(start);
  if (m[0] !== 0x6a)
    return {
      valid: false,
      detail: `ISO/IEC 9796-2: header 0x${(m[0] ?? 0).toString(16)} instead of 0x6a (wrong key or forged answer)`,
    };
  let hash: HashName | undefined;
  let trailerLength = 1;
  if (m[m.length - 1] === 0xbc) hash = "SHA-1";
  else if (m[m.length - 1] === 0xcc) {
    hash = TRAILER_HASH[m[m.length - 2] ?? 0];
    trailerLength = 2;
  }
  if (!hash) return { valid: false, detail: "ISO/IEC 9796-2: unknown trailer" };
  const hashLength = HASH_LENGTH[hash];
  if (m.length < 1 + hashLength + trailerLength)
    return { valid: false, detail: "ISO/IEC 9796-2: message too short" };
  const m1 = m.subarray(1, m.length - hashLength - trailerLength);
  const d = m.subarray(m.length - hashLength - trailerLength, m.length - trailerLength);
  const input = new Uint8Array(m1.length + challenge.length);
  input.set(m1);
  input.set(challenge, m1.length);
  const valid = equalBytes(await digest(hash, input), d);
  return {
    valid,
    detail: valid
      ? `RSA ISO/IEC 9796-2 with ${hash}`
      : "ISO/IEC 9796-2: the recovered hash does not match the challenge",
  };
}

async function verifyEcdsaAa(
  key: VerificationKey,
  challenge: Uint8Array,
  signature: Uint8Array,
): Promise<ActiveAuthResult> {
  const curve = key.ecCurve;
  if (!curve) return { valid: false, detail: "unsupported AA key" };
  // The hash is named in DG14's ActiveAuthenticationInfo; trying each is as strong (every one is
  // collision resistant) and works without DG14.
  const hashes: HashName[] = ["SHA-256", "SHA-384", "SHA-512", "SHA-224", "SHA-1"];
  for (const encoding of ["plain", "der"] as const) {
    for (const hash of hashes) {
      if (await key.verify({ kind: "ecdsa", hash, encoding }, challenge, signature)) {
        return { valid: true, detail: `ECDSA on ${curve.name} with ${hash}` };
      }
    }
  }
  return { valid: false, detail: `ECDSA on ${curve.name}: the signature does not verify for this challenge` };
}
