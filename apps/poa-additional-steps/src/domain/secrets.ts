import { sha256Hex } from "@edgekyc/platform";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `length` characters of [0-9A-Za-z], each uniformly drawn (bytes ≥ 248 are dropped: 248 = 4 × 62). */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** An iDenfy-style authToken: 40 base62 characters (≈ 238 bits), a bearer credential for one session. */
export const newAuthToken = () => randomBase62(40);

/** The digitString iDenfy returns when asked: 10 digits for a person to type or read out. */
export function newDigitString(): string {
  let out = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
    if (byte < 250 && out.length < 10) out += String(byte % 10);
  }
  return out.length === 10 ? out : newDigitString();
}

export const REVIEWER_KEY_PREFIX = "rvk_";
/** A reviewer key: prefix + 48 base62 characters; stored only as its SHA-256. */
export const newReviewerKey = () => `${REVIEWER_KEY_PREFIX}${randomBase62(48)}`;

/** Tokens and reviewer keys carry enough entropy that an unsalted SHA-256 is a safe lookup handle. */
export const secretHash = (secret: string) => sha256Hex(secret);
