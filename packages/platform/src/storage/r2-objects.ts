import type { Cipher } from "../crypto/cipher.ts";

/** `partners/<partnerId>/<capability>/<id>/<name>`: erasure of a partner or a session is a prefix delete. */
export function objectKey(partnerId: string, capability: string, id: string, name: string): string {
  for (const [label, part] of Object.entries({ partnerId, capability, id, name })) {
    if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(part) || part === "." || part === "..") {
      throw new Error(`object key part ${label} has characters outside A-Z a-z 0-9 _ . : -`);
    }
  }
  return `partners/${partnerId}/${capability}/${id}/${name}`;
}

/** Encrypts (AAD = the key, so an object copied elsewhere does not decrypt) and stores an object. */
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

/** The decrypted object, or null when there is none. */
export async function getDecrypted(
  bucket: R2Bucket,
  cipher: Cipher,
  key: string,
): Promise<Uint8Array | null> {
  const object = await bucket.get(key);
  if (!object) return null;
  return cipher.decryptBytes(new Uint8Array(await object.arrayBuffer()), key);
}

/** Deletes every object under a prefix (a partner's or a session's data). Returns how many. */
export async function deletePrefix(bucket: R2Bucket, prefix: string): Promise<number> {
  if (!prefix.startsWith("partners/") || prefix.length <= "partners/".length) {
    throw new Error("refusing to delete outside one partner's prefix");
  }
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
    const keys = page.objects.map((object) => object.key);
    if (keys.length > 0) await bucket.delete(keys);
    deleted += keys.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return deleted;
}
