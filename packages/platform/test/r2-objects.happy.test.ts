import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Cipher, deletePrefix, getDecrypted, newId, objectKey, putEncrypted } from "../src/index.ts";

const cipher = await Cipher.fromKeyRing(env.ENCRYPTION_KEYS);
const text = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null);

describe("encrypted R2 objects", () => {
  it("builds keys as partners/<partnerId>/<capability>/<id>/<name>", () => {
    expect(objectKey("ptn_1", "nfc-session", "sess_1", "dg2.jp2")).toBe(
      "partners/ptn_1/nfc-session/sess_1/dg2.jp2",
    );
  });

  it("stores only ciphertext and reads the plaintext back", async () => {
    const key = objectKey(newId("ptn"), "biometric-liveness", newId("sess"), "selfie.jpg");
    await putEncrypted(env.UPLOADS, cipher, key, new TextEncoder().encode("JPEG OF ANNA"), {
      contentType: "image/jpeg",
    });
    const stored = await env.UPLOADS.get(key);
    expect(stored).not.toBeNull();
    const raw = new Uint8Array(await (stored as R2ObjectBody).arrayBuffer());
    expect(new TextDecoder().decode(raw)).not.toContain("ANNA");
    expect(raw[0]).toBe(0x45);
    expect(stored?.httpMetadata?.contentType).toBe("application/octet-stream");
    expect(stored?.customMetadata).toStrictEqual({ plaintextContentType: "image/jpeg", keyId: cipher.keyId });
    expect(text(await getDecrypted(env.UPLOADS, cipher, key))).toBe("JPEG OF ANNA");
  });

  it("answers null for a missing object", async () => {
    expect(await getDecrypted(env.UPLOADS, cipher, objectKey(newId("ptn"), "x", "y", "z"))).toBeNull();
  });

  it("erases everything under a partner's prefix and nothing else", async () => {
    const partner = newId("ptn");
    const neighbour = `${partner}0`; // shares the prefix "partners/<partner>" without the slash
    const mine = [
      objectKey(partner, "nfc-session", "s1", "dg1.bin"),
      objectKey(partner, "nfc-session", "s1", "dg2.bin"),
      objectKey(partner, "poa-additional-steps", "s2", "bill.pdf"),
    ];
    const theirs = objectKey(neighbour, "nfc-session", "s1", "dg1.bin");
    for (const key of [...mine, theirs]) {
      await putEncrypted(env.UPLOADS, cipher, key, new Uint8Array([1]), {
        contentType: "application/octet-stream",
      });
    }
    expect(await deletePrefix(env.UPLOADS, `partners/${partner}/nfc-session/s1/`)).toBe(2);
    expect(await deletePrefix(env.UPLOADS, `partners/${partner}/`)).toBe(1);
    for (const key of mine) expect(await env.UPLOADS.head(key), key).toBeNull();
    expect(await getDecrypted(env.UPLOADS, cipher, theirs)).toEqual(new Uint8Array([1]));
    expect(await deletePrefix(env.UPLOADS, `partners/${partner}/`)).toBe(0);
  });
});
