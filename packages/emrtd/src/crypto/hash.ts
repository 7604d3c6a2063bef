// Digests: WebCrypto where the runtime has the algorithm (native speed), @noble/hashes for SHA-224,
// which workerd's WebCrypto lacks.
import { sha224 } from "@noble/hashes/sha2.js";
import { EmrtdError } from "../errors.ts";
import { HASH_OIDS, type HashName } from "./oids.ts";

export const HASH_LENGTH: Record<HashName, number> = {
  "SHA-1": 20,
  "SHA-224": 28,
  "SHA-256": 32,
  "SHA-384": 48,
  "SHA-512": 64,
};

export async function digest(hash: HashName, data: Uint8Array): Promise<Uint8Array> {
  if (hash === "SHA-224") return sha224(data);
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
