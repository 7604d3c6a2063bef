import { describe, expect, it } from "vitest";
import { Cipher, fromBase64 } from "../src/index.ts";

const OLD = "old:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const NEW = "new:ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=";

describe("Cipher round trips", () => {
  it("encrypts text as v1.<kid>.<iv>.<ciphertext> and decrypts it with the same AAD", async () => {
    const cipher = await Cipher.fromKeyRing(OLD);
    const token = await cipher.encryptText("ANNA MARIA ERIKSSON", "accounts.partners.name:ptn_1");
    expect(token).toMatch(/^v1\.old\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(fromBase64(token.split(".")[2] as string)).toHaveLength(12);
    expect(token).not.toContain("ANNA");
    expect(await cipher.decryptText(token, "accounts.partners.name:ptn_1")).toBe("ANNA MARIA ERIKSSON");
  });

  it("uses a fresh IV every time, so equal plaintexts do not look equal", async () => {
    const cipher = await Cipher.fromKeyRing(OLD);
    const a = await cipher.encryptText("same", "aad");
    const b = await cipher.encryptText("same", "aad");
    expect(a).not.toBe(b);
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
  });

  it("round-trips JSON, empty text and non-ASCII text", async () => {
    const cipher = await Cipher.fromKeyRing(OLD);
    const value = { surname: "Øster-Ñúñez", dob: "1990-01-02", list: [1, null, true] };
    expect(await cipher.decryptJson(await cipher.encryptJson(value, "j"), "j")).toEqual(value);
    expect(await cipher.decryptText(await cipher.encryptText("", "e"), "e")).toBe("");
  });

  it("encrypts bytes as 0x45 0x01 <kid length> <kid> <12-byte iv> <ciphertext+tag>", async () => {
    const cipher = await Cipher.fromKeyRing(NEW);
    const plain = new Uint8Array([0, 1, 2, 250, 255]);
    const sealed = await cipher.encryptBytes(plain, "partners/ptn_1/nfc-session/s/dg2.bin");
    expect(Array.from(sealed.subarray(0, 6))).toEqual([0x45, 0x01, 3, 0x6e, 0x65, 0x77]); // "new"
    expect(sealed).toHaveLength(3 + 3 + 12 + plain.length + 16);
    expect(await cipher.decryptBytes(sealed, "partners/ptn_1/nfc-session/s/dg2.bin")).toEqual(plain);
    expect(cipher.keyIdOf(sealed)).toBe("new");
  });
});

describe("key rotation", () => {
  it("encrypts with the first key and still decrypts what older keys made", async () => {
    const before = await Cipher.fromKeyRing(OLD);
    const oldText = await before.encryptText("x", "a");
    const oldBytes = await before.encryptBytes(new Uint8Array([7]), "b");

    const after = await Cipher.fromKeyRing(`${NEW}, ${OLD}`);
    expect(after.keyId).toBe("new");
    expect(await after.decryptText(oldText, "a")).toBe("x");
    expect(await after.decryptBytes(oldBytes, "b")).toEqual(new Uint8Array([7]));

    const fresh = await after.encryptText("y", "a");
    expect(after.keyIdOf(fresh)).toBe("new");
    expect(after.isCurrent(fresh)).toBe(true);
    expect(after.isCurrent(oldText)).toBe(false);
    expect(after.isCurrent(oldBytes)).toBe(false);
  });

  it("re-encrypts an old ciphertext under the current key", async () => {
    const before = await Cipher.fromKeyRing(OLD);
    const after = await Cipher.fromKeyRing(`${NEW},${OLD}`);
    const stored = await before.encryptText("secret", "row:1");
    const rewritten = after.isCurrent(stored)
      ? stored
      : await after.encryptText(await after.decryptText(stored, "row:1"), "row:1");
    expect(after.keyIdOf(rewritten)).toBe("new");
    // Once nothing carries "old", the ring can drop it.
    const onlyNew = await Cipher.fromKeyRing(NEW);
    expect(await onlyNew.decryptText(rewritten, "row:1")).toBe("secret");
  });
});
