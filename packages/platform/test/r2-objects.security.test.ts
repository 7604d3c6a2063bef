import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  Cipher,
  DecryptionError,
  deletePrefix,
  getDecrypted,
  newId,
  objectKey,
  putEncrypted,
} from "../src/index.ts";

const cipher = await Cipher.fromKeyRing(env.ENCRYPTION_KEYS);

describe("encrypted R2 objects refuse misuse", () => {
  it("does not decrypt an object copied to another key (the AAD is the key)", async () => {
    const from = objectKey(newId("ptn"), "nfc-session", "s1", "dg2.bin");
    const to = objectKey(newId("ptn"), "nfc-session", "s1", "dg2.bin");
    await putEncrypted(env.UPLOADS, cipher, from, new Uint8Array([1, 2, 3]), { contentType: "x/y" });
    const copied = await env.UPLOADS.get(from);
    await env.UPLOADS.put(to, await (copied as R2ObjectBody).arrayBuffer());
    await expect(getDecrypted(env.UPLOADS, cipher, to)).rejects.toBeInstanceOf(DecryptionError);
  });

  it("does not decrypt an object written unencrypted", async () => {
    const key = objectKey(newId("ptn"), "nfc-session", "s1", "plain.txt");
    await env.UPLOADS.put(key, "plain text");
    await expect(getDecrypted(env.UPLOADS, cipher, key)).rejects.toThrow(/not an EdgeKYC encrypted object/);
  });

  it("refuses key parts that could reach into another prefix", () => {
    for (const [partnerId, capability, id, name] of [
      ["ptn_1/../ptn_2", "nfc-session", "s", "n"],
      ["ptn_1", "nfc-session", "..", "n"],
      ["ptn_1", "nfc-session", "s", "a/b"],
      ["", "nfc-session", "s", "n"],
      ["ptn_1", "nfc session", "s", "n"],
    ] as const) {
      expect(() => objectKey(partnerId, capability, id, name), `${partnerId}/${id}/${name}`).toThrow(
        /object key part/,
      );
    }
  });

  it("refuses to erase outside one partner's prefix", async () => {
    for (const prefix of [
      "",
      "partners/",
      "partners",
      "partners/ptn_1",
      "other/ptn_1/",
      "partners/../",
      "partners//",
    ]) {
      await expect(deletePrefix(env.UPLOADS, prefix), prefix).rejects.toThrow(/refusing to delete/);
    }
  });
});
