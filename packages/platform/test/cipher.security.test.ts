import { describe, expect, it } from "vitest";
import { parseKeyRing } from "../src/crypto/cipher.ts";
import { Cipher, ConfigError, DecryptionError } from "../src/index.ts";

const OLD = "old:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const NEW = "new:ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=";

function flipLastChar(part: string): string {
  return `${part.slice(0, -2)}${part.at(-2) === "A" ? "B" : "A"}${part.at(-1)}`;
}

describe("Cipher refuses what it should not open", () => {
  it("fails with another AAD: a ciphertext copied to another row does not decrypt", async () => {
    const cipher = await Cipher.fromKeyRing(OLD);
    const token = await cipher.encryptText("secret", "accounts.api_keys.secret:key_1");
    await expect(cipher.decryptText(token, "accounts.api_keys.secret:key_2")).rejects.toThrow(
      new DecryptionError("ciphertext does not verify (tampered, or bound to another place)"),
    );
    const bytes = await cipher.encryptBytes(new Uint8Array([1, 2, 3]), "partners/a/x/1/f");
    await expect(cipher.decryptBytes(bytes, "partners/b/x/1/f")).rejects.toBeInstanceOf(DecryptionError);
  });

  it("fails on a tampered ciphertext, IV or binary object", async () => {
    const cipher = await Cipher.fromKeyRing(OLD);
    const token = await cipher.encryptText("pay 1 GBP", "t");
    const [v, kid, iv, ct] = token.split(".") as [string, string, string, string];
    await expect(cipher.decryptText([v, kid, iv, flipLastChar(ct)].join("."), "t")).rejects.toThrow(
      /does not verify/,
    );
    await expect(cipher.decryptText([v, kid, flipLastChar(iv), ct].join("."), "t")).rejects.toThrow(
      /does not verify/,
    );
    const bytes = await cipher.encryptBytes(new Uint8Array(64), "o");
    for (const index of [3 + 3, bytes.length - 1, bytes.length - 20]) {
      const tampered = bytes.slice();
      tampered[index] = (tampered[index] as number) ^ 0x01;
      await expect(cipher.decryptBytes(tampered, "o")).rejects.toThrow(/does not verify/);
    }
  });

  it("does not accept a ciphertext relabelled with another configured key id", async () => {
    const cipher = await Cipher.fromKeyRing(`${NEW},${OLD}`);
    const token = await cipher.encryptText("x", "a");
    await expect(cipher.decryptText(token.replace("v1.new.", "v1.old."), "a")).rejects.toThrow(
      /does not verify/,
    );
  });

  it("names an unknown key id clearly", async () => {
    const newer = await Cipher.fromKeyRing(NEW);
    const older = await Cipher.fromKeyRing(OLD);
    const token = await newer.encryptText("x", "a");
    await expect(older.decryptText(token, "a")).rejects.toThrow(
      /no encryption key with id "new" is configured/,
    );
    await expect(older.decryptBytes(await newer.encryptBytes(new Uint8Array([1]), "a"), "a")).rejects.toThrow(
      /no encryption key with id "new"/,
    );
  });

  it("refuses input that is not an EdgeKYC ciphertext with a DecryptionError", async () => {
    const cipher = await Cipher.fromKeyRing(OLD);
    for (const token of [
      "plain text",
      "v1.old.x",
      "v2.old.AAAA.AAAA",
      "v1.o.ld.AAAA.AAAA",
      "v1.old.A.AAAA",
      "v1.old.!!.AAAA",
      "",
    ]) {
      await expect(cipher.decryptText(token, "a"), token).rejects.toBeInstanceOf(DecryptionError);
    }
    for (const bytes of [new Uint8Array(0), new Uint8Array([0x45, 1, 3, 0x6f]), new Uint8Array(40)]) {
      await expect(cipher.decryptBytes(bytes, "a")).rejects.toThrow(/not an EdgeKYC encrypted object/);
    }
    expect(cipher.keyIdOf("plain text")).toBe("");
    expect(cipher.isCurrent("plain text")).toBe(false);
  });
});

describe("key ring validation", () => {
  it("throws a ConfigError naming the fault and never the key material", () => {
    const cases: [string, RegExp][] = [
      ["", /at least one kid:base64key/],
      [" , ", /at least one/],
      ["k1:c2hvcnQ=", /key "k1" must be 32 bytes \(it is 5\)/],
      [`${OLD},${OLD.replace("old:", "old:")}`, /key id "old" twice/],
      ["no-colon", /entry 1 must look like kid:base64key/],
      [`${OLD},bad.kid:AAAA`, /entry 2 must look like kid:base64key/],
      ["k1:not*base64", /key "k1" is not valid base64/],
    ];
    for (const [spec, message] of cases) {
      let thrown: unknown;
      try {
        parseKeyRing(spec);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, spec).toBeInstanceOf(ConfigError);
      expect((thrown as Error).message, spec).toMatch(message);
      expect((thrown as Error).message).not.toContain("AAECAwQF");
    }
  });

  it("rejects a malformed ring when building a Cipher", async () => {
    await expect(Cipher.fromKeyRing("k1:c2hvcnQ=")).rejects.toBeInstanceOf(ConfigError);
  });
});
