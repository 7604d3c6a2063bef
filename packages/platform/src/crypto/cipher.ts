import { ConfigError } from "../errors/config-error.ts";
import { fromBase64, toBase64Url, utf8 } from "./digest.ts";

const VERSION = "v1";
const BINARY_MAGIC = 0x45; // "E": first byte of the binary format
const BINARY_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
// Key ids appear inside every ciphertext: no "." (the text separator), short enough for a one-byte length.
const KID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Thrown when a ciphertext cannot be opened: malformed, unknown key id, wrong AAD, or tampered data. */
export class DecryptionError extends Error {
  override name = "DecryptionError";
}

/** The one per-isolate cache of imported keys (see Cipher.forKeyRing). */
let isolateCipher: { spec: string; cipher: Promise<Cipher> } | undefined;

/**
 * AES-256-GCM for personal data at rest. Keys have ids so they can be rotated: the first key of the ring
 * encrypts, every key decrypts what carries its id. The AAD binds a ciphertext to its place (table,
 * column, row id or object key), so a ciphertext copied to another row does not decrypt.
 *
 * Text format: `v1.<kid>.<base64url iv>.<base64url ciphertext+tag>`.
 * Binary format: `0x45 0x01 <kid length> <kid> <12-byte iv> <ciphertext+tag>`.
 */
export class Cipher {
  private readonly currentKid: string;
  private readonly keys: ReadonlyMap<string, CryptoKey>;

  private constructor(currentKid: string, keys: ReadonlyMap<string, CryptoKey>) {
    this.currentKid = currentKid;
    this.keys = keys;
  }

  /**
   * `spec` is ENCRYPTION_KEYS: comma-separated `kid:base64(32 bytes)`, current key first. Throws a
   * `ConfigError` naming the faulty entry (never the key) when the ring is malformed.
   */
  static async fromKeyRing(spec: string): Promise<Cipher> {
    const entries = parseKeyRing(spec);
    const imported = await Promise.all(
      entries.map(
        async ({ kid, key }) =>
          [kid, await crypto.subtle.importKey("raw", key, "AES-GCM", false, ["encrypt", "decrypt"])] as const,
      ),
    );
    return new Cipher((entries[0] as { kid: string }).kid, new Map(imported));
  }

  /**
   * The isolate's Cipher for `spec` (ENCRYPTION_KEYS): the keys are imported once per isolate and key
   * ring, since importing is the costly part. A failed import is not kept, so a fixed secret takes
   * effect at the next request.
   */
  static forKeyRing(spec: string): Promise<Cipher> {
    if (isolateCipher?.spec !== spec) {
      const cipher = Cipher.fromKeyRing(spec);
      cipher.catch(() => {
        if (isolateCipher?.cipher === cipher) isolateCipher = undefined;
      });
      isolateCipher = { spec, cipher };
    }
    return isolateCipher.cipher;
  }

  /** Id of the key new ciphertexts are made with. */
  get keyId(): string {
    return this.currentKid;
  }

  async encryptText(plaintext: string, aad: string): Promise<string> {
    const { iv, sealed } = await this.seal(utf8(plaintext), aad);
    return `${VERSION}.${this.currentKid}.${toBase64Url(iv)}.${toBase64Url(sealed)}`;
  }

  async decryptText(token: string, aad: string): Promise<string> {
    const parts = token.split(".");
    const [version, kid, iv, sealed] = parts;
    if (
      parts.length !== 4 ||
      version !== VERSION ||
      !kid ||
      !KID.test(kid) ||
      !iv ||
      !BASE64URL.test(iv) ||
      !sealed ||
      !BASE64URL.test(sealed)
    ) {
      throw new DecryptionError("not an EdgeKYC ciphertext");
    }
    const plain = await this.open(kid, decodePart(iv), decodePart(sealed), aad);
    return new TextDecoder().decode(plain);
  }

  async encryptJson(value: unknown, aad: string): Promise<string> {
    return this.encryptText(JSON.stringify(value), aad);
  }

  async decryptJson<T>(token: string, aad: string): Promise<T> {
    return JSON.parse(await this.decryptText(token, aad)) as T;
  }

  async encryptBytes(data: Uint8Array, aad: string): Promise<Uint8Array> {
    const { iv, sealed } = await this.seal(utf8(data), aad);
    const kid = utf8(this.currentKid);
    const out = new Uint8Array(3 + kid.length + IV_BYTES + sealed.length);
    out.set([BINARY_MAGIC, BINARY_VERSION, kid.length]);
    out.set(kid, 3);
    out.set(iv, 3 + kid.length);
    out.set(sealed, 3 + kid.length + IV_BYTES);
    return out;
  }

  async decryptBytes(data: Uint8Array, aad: string): Promise<Uint8Array> {
    const kid = binaryKid(data);
    if (kid === null || data.length < 3 + kid.length + IV_BYTES + TAG_BYTES) {
      throw new DecryptionError("not an EdgeKYC encrypted object");
    }
    const ivStart = 3 + kid.length;
    return this.open(kid, data.slice(ivStart, ivStart + IV_BYTES), data.slice(ivStart + IV_BYTES), aad);
  }

  /** Key id a ciphertext (text or binary) was made with; "" when it is not an EdgeKYC ciphertext. */
  keyIdOf(token: string | Uint8Array): string {
    if (typeof token !== "string") return binaryKid(token) ?? "";
    const [version, kid] = token.split(".");
    return version === VERSION && kid && KID.test(kid) ? kid : "";
  }

  /** False when the ciphertext should be re-encrypted with the current key. */
  isCurrent(token: string | Uint8Array): boolean {
    return this.keyIdOf(token) === this.currentKid;
  }

  private async seal(plain: Uint8Array<ArrayBuffer>, aad: string) {
    const key = this.keys.get(this.currentKid) as CryptoKey;
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: utf8(aad) }, key, plain),
    );
    return { iv, sealed };
  }

  private async open(kid: string, iv: Uint8Array<ArrayBuffer>, sealed: Uint8Array<ArrayBuffer>, aad: string) {
    const key = this.keys.get(kid);
    if (!key) {
      throw new DecryptionError(
        `no encryption key with id "${kid}" is configured (ENCRYPTION_KEYS must keep old keys until nothing uses them)`,
      );
    }
    if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) {
      throw new DecryptionError("not an EdgeKYC ciphertext");
    }
    try {
      return new Uint8Array(
        await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: utf8(aad) }, key, sealed),
      );
    } catch {
      throw new DecryptionError("ciphertext does not verify (tampered, or bound to another place)");
    }
  }
}

function decodePart(part: string): Uint8Array<ArrayBuffer> {
  try {
    return fromBase64(part);
  } catch {
    throw new DecryptionError("not an EdgeKYC ciphertext");
  }
}

function binaryKid(data: Uint8Array): string | null {
  if (data.length < 3 || data[0] !== BINARY_MAGIC || data[1] !== BINARY_VERSION) return null;
  const length = data[2] as number;
  if (data.length < 3 + length) return null;
  const kid = new TextDecoder().decode(data.subarray(3, 3 + length));
  return KID.test(kid) ? kid : null;
}

/** Validates and splits an ENCRYPTION_KEYS value; messages name what is wrong, never the key. */
export function parseKeyRing(spec: string): { kid: string; key: Uint8Array<ArrayBuffer> }[] {
  const entries = spec
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new ConfigError("ENCRYPTION_KEYS must list at least one kid:base64key");
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const separator = entry.indexOf(":");
    const kid = entry.slice(0, separator);
    if (separator < 1 || !KID.test(kid)) {
      throw new ConfigError(
        `ENCRYPTION_KEYS entry ${index + 1} must look like kid:base64key (kid: 1-32 of A-Z a-z 0-9 _ -)`,
      );
    }
    if (seen.has(kid)) throw new ConfigError(`ENCRYPTION_KEYS has the key id "${kid}" twice`);
    seen.add(kid);
    const encoded = entry.slice(separator + 1).trim();
    let key: Uint8Array<ArrayBuffer>;
    try {
      if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) throw new Error("not base64");
      key = fromBase64(encoded);
    } catch {
      throw new ConfigError(`ENCRYPTION_KEYS key "${kid}" is not valid base64`);
    }
    if (key.length !== KEY_BYTES) {
      throw new ConfigError(`ENCRYPTION_KEYS key "${kid}" must be ${KEY_BYTES} bytes (it is ${key.length})`);
    }
    return { kid, key };
  });
}
