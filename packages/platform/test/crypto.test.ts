import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  Cipher,
  DecryptionError,
  deletePrefix,
  getDecrypted,
  newId,
  objectKey,
  parseKeyRing,
  putEncrypted,
  randomSecret,
  timingSafeEqual,
} from "../src/index.ts";

const OLD = "old:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const NEW = "new:ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=";

describe("Cipher", () => {
  it("round-trips text, JSON and bytes bound to their AAD", async () => {
    const cipher = await Cipher.fromKeyRing(OLD);
    const token = await cipher.encryptText("ANNA MARIA ERIKSSON", "t.c:1");
    expect(token).toMatch(/^v1\.old\.[\w-]+\.[\w-]+$/);
    expect(token).not.toContain("ANNA");
    expect(await cipher.decryptText(token, "t.c:1")).toBe("ANNA MARIA ERIKSSON");
    expect(await cipher.decryptJson(await cipher.encryptJson({ a: [1] }, "x"), "x")).toEqual({ a: [1] });
    const bytes = new Uint8Array([1, 2, 3, 250]);
    expect(await cipher.decryptBytes(await cipher.encryptBytes(bytes, "obj"), "obj")).toEqual(bytes);
  });

  it("refuses a ciphertext moved to another place or tampered with", async () => {
    const cipher = await Cipher.fromKeyRing(OLD);
    const token = await cipher.encryptText("secret", "row:1");
    await expect(cipher.decryptText(token, "row:2")).rejects.toBeInstanceOf(DecryptionError);
    const parts = token.split(".");
    const flipped = `${parts[3]?.[0] === "A" ? "B" : "A"}${parts[3]?.slice(1)}`;
    await expect(cipher.decryptText([...parts.slice(0, 3), flipped].join("."), "row:1")).rejects.toThrow(
      /does not verify/,
    );
    await expect(cipher.decryptText("plain text", "row:1")).rejects.toThrow(/not an EdgeKYC ciphertext/);
  });

  it("rotates: the first key encrypts, older keys still decrypt, unknown key ids are named", async () => {
    const before = await Cipher.fromKeyRing(OLD);
    const old = await before.encryptText("x", "a");
    const after = await Cipher.fromKeyRing(`${NEW},${OLD}`);
    expect(await after.decryptText(old, "a")).toBe("x");
    expect(after.isCurrent(old)).toBe(false);
    expect(after.keyIdOf(await after.encryptText("y", "a"))).toBe("new");
    await expect(before.decryptText(await after.encryptText("y", "a"), "a")).rejects.toThrow(
      /no encryption key with id "new"/,
    );
  });

  it("validates the key ring without echoing keys", () => {
    expect(() => parseKeyRing("")).toThrow(/at least one/);
    expect(() => parseKeyRing("k1:c2hvcnQ=")).toThrow(/must be 32 bytes/);
    expect(() => parseKeyRing(`${OLD},${OLD}`)).toThrow(/twice/);
    expect(() => parseKeyRing("no-colon")).toThrow(/kid:base64key/);
  });
});

describe("secrets and ids", () => {
  it("compares in constant time and makes strong random secrets", async () => {
    expect(await timingSafeEqual("abc", "abc")).toBe(true);
    expect(await timingSafeEqual("abc", "abd")).toBe(false);
    expect(await timingSafeEqual("abc", "abcd")).toBe(false);
    const secret = randomSecret(32);
    expect(secret).toMatch(/^[0-9A-Za-z]{43}$/);
    expect(randomSecret(32)).not.toBe(secret);
  });

  it("makes time-sortable prefixed ids", async () => {
    const first = newId("dlv");
    await new Promise((r) => setTimeout(r, 2));
    const second = newId("dlv");
    expect(first).toMatch(/^dlv_[0-9a-z]{26}$/);
    expect(first < second).toBe(true);
  });
});

describe("encrypted R2 objects", () => {
  it("stores only ciphertext, reads it back, and erases a partner's prefix", async () => {
    const cipher = await Cipher.fromKeyRing(OLD);
    const key = objectKey("ptn_1", "nfc-session", "sess_1", "dg2.bin");
    expect(key).toBe("partners/ptn_1/nfc-session/sess_1/dg2.bin");
    await putEncrypted(env.UPLOADS, cipher, key, new TextEncoder().encode("PORTRAIT"), {
      contentType: "image/jp2",
    });
    const raw = await (await env.UPLOADS.get(key))?.text();
    expect(raw).not.toContain("PORTRAIT");
    expect(new TextDecoder().decode((await getDecrypted(env.UPLOADS, cipher, key)) ?? undefined)).toBe(
      "PORTRAIT",
    );
    expect(await deletePrefix(env.UPLOADS, "partners/ptn_1/")).toBe(1);
    expect(await getDecrypted(env.UPLOADS, cipher, key)).toBeNull();
    expect(() => objectKey("ptn_1", "nfc-session", "../x", "a")).toThrow();
    await expect(deletePrefix(env.UPLOADS, "partners/")).rejects.toThrow(/one partner/);
  });
});
