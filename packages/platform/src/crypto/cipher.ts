import { fromBase64, toBase64Url, utf8 } from "./digest.ts";

const VERSION = "v1";
const BINARY_MAGIC = 0x45; // "E": first byte of the binary format
const IV_BYTES = 12;

/** Thrown when a ciphertext cannot be opened: wrong key id, wrong AAD, or tampered data. */
export class DecryptionError extends Error {
  override name = "DecryptionError";
}

/**
 * AES-256-GCM for personal data at rest. Keys have ids so they can be rotated: the first key of the ring
 * encrypts, every key decrypts what carries its id. The AAD binds a ciphertext to its place (table,
 * column, row id or object key), so a ciphertext copied to another row does not decrypt.
 *
 * Text format: `v1.<kid>.<base64url iv>.<base64url ciphertext+tag>`.
 * Binary format: `0x45 0x01 <kid length> <kid> <12-byte iv> <ciphertext+tag>`.
 */
export class Cipher {
  private constructor(
    private readonly currentKid: string,
    private readonly keys: ReadonlyMap<string, CryptoKey>,
  ) {}

  /** `spec` is ENCRYPTION_KEYS: comma-separated `kid:base64(32 bytes)`, current key first. */
  static async fromKeyRing(spec: string): Promise<Cipher> {
    const entries = parseKeyRing(spec);
    const keys = new Map<string, CryptoKey>();
    for (const { kid, key } of entries) {
      keys.set(kid, await crypto.subtle.importKey("raw", key, "AES-GCM", false, ["encrypt", "decrypt"]));
    }
    return new Cipher(entries[0]?.kid as string, keys);
  }

  get keyId(): string {
    return this.currentKid;
  }

  async encryptText(plaintext: string, aad: string): Promise<string> {
    const { iv, sealed } = await this.seal(utf8(plaintext), aad);
    return `${VERSION}.${this.currentKid}.${toBase64Url(iv)}.${toBase64Url(sealed)}`;
  }

  async decryptText(token: string, aad: string): Promise<string> {
    const parts = token.split(".");
    if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError("not an EdgeKYC ciphertext");
    const [, kid, iv, sealed] = parts as [string, string, string, string];
    const plain = await this.open(kid, fromBase64(iv), fromBase64(sealed), aad);
    return new TextDecoder().decode(plain);
  }

  async encryptJson(value: unknown, aad: string): Promise<string> {
    return this.encryptText(JSON.stringify(value), aad);
  }

  async decryptJson<T>(token: string, aad: string): Promise<T> {
    return JSON.parse(await this.decryptText(token, aad)) as T;
  }

  async encryptBytes(data: Uint8Array, aad: string): Promise<Uint8Array> {
    const { iv, sealed } = await this.seal(new Uint8Array(data), aad);
    const kid = utf8(this.currentKid);
    const out = new Uint8Array(3 + kid.length + IV_BYTES + sealed.length);
    out.set([BINARY_MAGIC, 1, kid.length]);
    out.set(kid, 3);
    out.set(iv, 3 + kid.length);
    out.set(sealed, 3 + kid.length + IV_BYTES);
    return out;
  }

  async decryptBytes(data: Uint8Array, aad: string): Promise<Uint8Array> {
    if (data.length < 3 || data[0] !== BINARY_MAGIC || data[1] !== 1) {
      throw new DecryptionError("not an EdgeKYC encrypted object");
    }
    const kidLength = data[2] as number;
    const kid = new TextDecoder().decode(data.subarray(3, 3 + kidLength));
    const iv = data.slice(3 + kidLength, 3 + kidLength + IV_BYTES);
    return this.open(kid, iv, data.slice(3 + kidLength + IV_BYTES), aad);
  }

  /** Key id a ciphertext (text or binary) was made with. */
  keyIdOf(token: string | Uint8Array): string {
    if (typeof token === "string") return token.split(".")[1] ?? "";
    return new TextDecoder().decode(token.subarray(3, 3 + (token[2] ?? 0)));
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
    if (!key) throw new DecryptionError(`no encryption key with id "${kid}" is configured`);
    try {
      return new Uint8Array(
        await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: utf8(aad) }, key, sealed),
      );
    } catch {
      throw new DecryptionError("ciphertext does not verify (tampered, or bound to another place)");
    }
  }
}

/** Validates and splits an ENCRYPTION_KEYS value; messages name what is wrong, never the key. */
export function parseKeyRing(spec: string): { kid: string; key: Uint8Array<ArrayBuffer> }[] {
  const entries = spec
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error("ENCRYPTION_KEYS must list at least one kid:base64key");
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const separator = entry.indexOf(":");
    const kid = entry.slice(0, separator);
    if (separator < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(kid)) {
      throw new Error(
        `ENCRYPTION_KEYS entry ${index + 1} must look like kid:base64key (kid: 1-32 of A-Z a-z 0-9 _ -)`,
      );
    }
    if (seen.has(kid)) throw new Error(`ENCRYPTION_KEYS has the key id "${kid}" twice`);
    seen.add(kid);
    let key: Uint8Array<ArrayBuffer>;
    try {
      key = fromBase64(entry.slice(separator + 1));
    } catch {
      throw new Error(`ENCRYPTION_KEYS key "${kid}" is not valid base64`);
    }
    if (key.length !== 32)
      throw new Error(`ENCRYPTION_KEYS key "${kid}" must be 32 bytes (it is ${key.length})`);
    return { kid, key };
  });
}
