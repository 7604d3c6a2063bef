// Standard base64 (what the webhook and the reader app carry), accepting the url-safe alphabet on input.
import { base64url } from "jose";

export { encodeBase64 as toBase64 } from "@edgekyc/schemas";

/** Throws on characters outside both alphabets. */
export function fromBase64(value: string): Uint8Array {
  return base64url.decode(value.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
}
