// Digests: @noble/hashes (synchronous) for the small inputs a document is made of, where an async
// WebCrypto call costs more in overhead than the hashing; WebCrypto for large ones. SHA-224 always
// with noble: workerd's WebCrypto lacks it.
import { sha1 } from "@noble/hashes/legacy.js";
import { sha224, sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { EmrtdError } from "../errors.ts";
import { HASH_OIDS, type HashName } from "./oids.ts";

export const HASH_LENGTH: Record<HashName, number> = {
  "SHA-1": 20,
  "SHA-224": 28,
  "SHA-256": 32,
  "SHA-384": 48,
  "SHA-512": 64,
};

const NOBLE = { "SHA-1": sha1, "SHA-224": sha224, "SHA-256": sha256, "SHA-384": sha384, "SHA-512": sha512 };
const NATIVE_FROM_BYTES = 4 * 1024;

export async function digest(hash: HashName, data: Uint8Array): Promise<Uint8Array> {
  if (hash === "SHA-224" || data.byteLength < NATIVE_FROM_BYTES) return NOBLE[hash](data);
  return new Uint8Array(await crypto.subtle.digest(hash, data as Uint8Array<ArrayBuffer>));
}

export function hashByOid(oid: string, where: string): HashName {
  const hash = HASH_OIDS[oid];
  if (!hash) throw new EmrtdError("unsupported_algorithm", `${where}: unknown hash algorithm ${oid}`);
  return hash;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.byteLength === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}

export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16).padStart(length * 2, "0");
  if (hex.length > length * 2) throw new EmrtdError("invalid_input", "integer larger than its field");
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
