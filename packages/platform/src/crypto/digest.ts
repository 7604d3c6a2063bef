import { encodeBase64 } from "@edgekyc/schemas";

const encoder = new TextEncoder();

type Bytes = Uint8Array<ArrayBuffer>;

/** UTF-8 bytes of a string; a copy (on its own ArrayBuffer, as WebCrypto wants) of bytes. */
export function utf8(value: string | Uint8Array): Bytes {
  return (typeof value === "string" ? encoder.encode(value) : new Uint8Array(value)) as Bytes;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Standard base64 (the one chunked encoder, from @edgekyc/schemas). */
export const toBase64: (bytes: Uint8Array) => string = encodeBase64;

/** Decodes base64 or base64url, padded or not. Throws on anything else. */
export function fromBase64(value: string): Bytes {
  const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0)) as Bytes;
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function sha256Hex(value: string | Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8(value))));
}

export async function hmacSha256(
  key: string | Uint8Array,
  message: string | Uint8Array,
): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    utf8(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, utf8(message)));
}

/**
 * Smile ID's request signature, as its SDKs compute it and its API checks it (also on the bodies it
 * sends back): base64(HMAC-SHA256(api key, timestamp + partner_id + "sid_request")).
 */
export async function smileIdSignature(
  apiKey: string,
  timestamp: string,
  partnerId: string,
): Promise<string> {
  return toBase64(await hmacSha256(apiKey, `${timestamp}${partnerId}sid_request`));
}

/**
 * Constant-time string comparison. Both sides are hashed first, so neither the position of the first
 * difference nor the length of the secret leaks through timing.
 */
export async function timingSafeEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([
    crypto.subtle.digest("SHA-256", utf8(a)),
    crypto.subtle.digest("SHA-256", utf8(b)),
  ]);
  return crypto.subtle.timingSafeEqual(ha, hb);
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A random secret of `bytes` bytes of entropy, base62 (URL- and header-safe, no padding). */
export function randomSecret(bytes = 32): string {
  // 62^43 > 2^256: draw enough characters for the entropy, rejecting bytes ≥ 248 to stay uniform.
  const length = Math.ceil((bytes * 8) / Math.log2(62));
  let out = "";
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < 248 && out.length < length) out += BASE62[b % 62];
    }
  }
  return out;
}
