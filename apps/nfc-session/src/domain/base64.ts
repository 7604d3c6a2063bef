// Standard base64 (what the webhook and the reader app carry), accepting the url-safe alphabet on input.
import { base64url } from "jose";

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Throws on characters outside both alphabets. */
export function fromBase64(value: string): Uint8Array {
  return base64url.decode(value.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
}
