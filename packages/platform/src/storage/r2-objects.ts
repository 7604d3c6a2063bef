import type { Cipher } from "../crypto/cipher.ts";

const KEY_PART = /^[A-Za-z0-9_.:-]{1,128}$/;

/** `partners/<partnerId>/<capability>/<id>/<name>`: erasure of a partner or a session is a prefix delete. */
export function objectKey(partnerId: string, capability: string, id: string, name: string): string {
  for (const [label, part] of Object.entries({ partnerId, capability, id, name })) {
    // No "/" (a part cannot reach into another prefix) and no "." / ".." segments.
    if (!KEY_PART.test(part) || part === "." || part === "..") {
      throw new Error(`object key part ${label} must be 1-128 of A-Z a-z 0-9 _ . : - (and not . or ..)`);
    }
  }
  return `partners/${partnerId}/${capability}/${id}/${name}`;
}

/**
 * Encrypts and stores an object. The AAD is the object key, so an object copied to another key does not
 * decrypt. R2 sees only ciphertext (`application/octet-stream`); the real content type is kept in custom
 * metadata with the key id, which tells what a key rotation still has to re-encrypt.
 */
export async function putEncrypted(
  bucket: R2Bucket,
  cipher: Cipher,
  key: string,
  bytes: Uint8Array,
  options: { contentType: string },
): Promise<void> {
  const sealed = await cipher.encryptBytes(bytes, key);
  await bucket.put(key, sealed, {
    httpMetadata: { contentType: "application/octet-stream" },
    customMetadata: { plaintextContentType: options.contentType, keyId: cipher.keyId },
  });
}

/**
 * The decrypted object, or null when there is none. Throws `DecryptionError` when the stored bytes do not
 * verify under this key (tampered, moved from another key, or made with a key no longer configured).
 */
export async function getDecrypted(
  bucket: R2Bucket,
  cipher: Cipher,
  key: string,
): Promise<Uint8Array | null> {
  const object = await bucket.get(key);
  if (!object) return null;
  return cipher.decryptBytes(new Uint8Array(await object.arrayBuffer()), key);
}

/**
 * Deletes every object under a prefix: one partner's data (`partners/<partnerId>/`) or anything below it
 * (a capability's, a session's). The prefix must end with "/" so `partners/ptn_1` cannot also erase
 * `partners/ptn_10/…`. Returns how many objects were deleted.
 */
export async function deletePrefix(bucket: R2Bucket, prefix: string): Promise<number> {
  const segments = prefix.split("/");
  if (
    segments[0] !== "partners" ||
    !prefix.endsWith("/") ||
    segments.length < 3 ||
    segments.slice(1, -1).some((segment) => !KEY_PART.test(segment) || segment === "." || segment === "..")
  ) {
    throw new Error(
      'refusing to delete outside one partner\'s prefix ("partners/<partnerId>/…/", ending in /)',
    );
  }
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, limit: 1000, ...(cursor ? { cursor } : {}) });
    const keys = page.objects.map((object) => object.key);
    // R2 deletes up to 1000 keys per call, the most one list page returns.
    if (keys.length > 0) await bucket.delete(keys);
    deleted += keys.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return deleted;
}
