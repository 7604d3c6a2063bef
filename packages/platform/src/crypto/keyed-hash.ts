import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { parseKeyRing } from "./cipher.ts";
import { toHex, utf8 } from "./digest.ts";

type KeyedHmac = ReturnType<typeof hmac.create>;

/**
 * Keyed hashes (HMAC-SHA256) for one purpose, under keys derived from ENCRYPTION_KEYS: a key per entry of
 * the ring, HMAC(entry's key, purpose), so hashes for different purposes never match each other and a
 * dump of the hashes alone does not let anyone test candidate values offline. Synchronous (a Durable
 * Object can hash inside one uninterrupted step) and built once per isolate: the keyed state is
 * precomputed, so a hash costs two SHA-256 compressions of the message.
 *
 * Each hash names its key id: after a rotation, values hashed under an older key of the ring still
 * verify (`matches`), and lookups can try every key (`allOf`).
 */
export class KeyedHash {
  private readonly keys: Map<string, KeyedHmac>;
  /** The key id new hashes are made under (the ring's first). */
  readonly currentKid: string;

  constructor(encryptionKeys: string, purpose: string) {
    const ring = parseKeyRing(encryptionKeys);
    this.keys = new Map(
      ring.map(({ kid, key }) => [kid, hmac.create(sha256, hmac(sha256, key, utf8(purpose)))]),
    );
    this.currentKid = (ring[0] as { kid: string }).kid;
  }

  /** The hash under key `kid`, or null when the ring no longer holds that key. */
  bytesUnder(kid: string, value: string | Uint8Array): Uint8Array | null {
    const keyed = this.keys.get(kid);
    return keyed ? keyed.clone().update(utf8(value)).digest() : null;
  }

  /** Hex hash under the current key. */
  of(value: string | Uint8Array): string {
    return toHex(this.bytesUnder(this.currentKid, value) as Uint8Array);
  }

  /** Hex hashes under every key of the ring, the current key's first (lookups that survive a rotation). */
  allOf(value: string | Uint8Array): string[] {
    return [...this.keys.keys()].map((kid) => toHex(this.bytesUnder(kid, value) as Uint8Array));
  }

  /**
   * Whether `value` hashes to `expectedHex` under key `kid`, compared in constant time (the candidate is
   * hashed whatever its shape, and every byte is compared).
   */
  matches(kid: string, value: string | Uint8Array, expectedHex: string): boolean {
    const actual = this.bytesUnder(kid, value);
    if (!actual || expectedHex.length !== actual.length * 2 || !/^[0-9a-f]*$/i.test(expectedHex))
      return false;
    let difference = 0;
    for (let i = 0; i < actual.length; i++) {
      difference |= (actual[i] as number) ^ Number.parseInt(expectedHex.slice(i * 2, i * 2 + 2), 16);
    }
    return difference === 0;
  }
}
