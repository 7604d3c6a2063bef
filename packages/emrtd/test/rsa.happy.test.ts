// RSA paths beside WebCrypto: BigInt PKCS#1 v1.5 (SHA-224, DigestInfo without NULL) and PSS variants.
import { describe, expect, it } from "vitest";
import { digest } from "../src/crypto/hash.ts";
import { VerificationKey } from "../src/index.ts";
import { generateKey } from "../src/testing/index.ts";

const DIGEST_INFO_PREFIX: Record<string, number[]> = {
  // DigestInfo for SHA-256 without the NULL parameter, and SHA-224 with it (RFC 8017 §9.2 note 1)
  "SHA-256-no-null": [
    0x30, 0x2f, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x04, 0x20,
  ],
  "SHA-224": [
    0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00,
    0x04, 0x1c,
  ],
};

async function pkcs1Signature(
  key: Awaited<ReturnType<typeof generateKey>>,
  prefix: number[],
  hash: Uint8Array,
  size: number,
) {
  const t = [...prefix, ...hash];
  const em = new Uint8Array(size);
  em[1] = 0x01;
  em.fill(0xff, 2, size - t.length - 1);
  em.set(t, size - t.length);
  return (key.rsaPrivate as (m: Uint8Array) => Uint8Array)(em);
}

describe("RSA beside WebCrypto", async () => {
  const key = await generateKey("rsa-pkcs1-sha256", { rsaBits: 1024 });
  const verifier = VerificationKey.fromSpki(key.spki);
  const data = new TextEncoder().encode("signed attributes");

  it("accepts a DigestInfo without the NULL parameter (WebCrypto refuses it)", async () => {
    const signature = await pkcs1Signature(
      key,
      DIGEST_INFO_PREFIX["SHA-256-no-null"] as number[],
      await digest("SHA-256", data),
      128,
    );
    expect(await verifier.verify({ kind: "rsa-pkcs1", hash: "SHA-256" }, data, signature)).toBe(true);
    expect(
      await verifier.verify(
        { kind: "rsa-pkcs1", hash: "SHA-256" },
        new TextEncoder().encode("other"),
        signature,
      ),
    ).toBe(false);
  });

  it("verifies SHA-224 (absent from workerd's WebCrypto) with BigInt RSA", async () => {
    const signature = await pkcs1Signature(
      key,
      DIGEST_INFO_PREFIX["SHA-224"] as number[],
      await digest("SHA-224", data),
      128,
    );
    expect(await verifier.verify({ kind: "rsa-pkcs1", hash: "SHA-224" }, data, signature)).toBe(true);
    signature[5] = (signature[5] as number) ^ 1;
    expect(await verifier.verify({ kind: "rsa-pkcs1", hash: "SHA-224" }, data, signature)).toBe(false);
  });

  it("verifies RSASSA-PSS whose MGF1 hash differs from the message hash (BigInt path)", async () => {
    // EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-256, MGF1-SHA-1, salt 20, for a 1024-bit key.
    const emLen = 128;
    const salt = crypto.getRandomValues(new Uint8Array(20));
    const mHash = await digest("SHA-256", data);
    const h = await digest("SHA-256", new Uint8Array([...new Uint8Array(8), ...mHash, ...salt]));
    const db = new Uint8Array(emLen - 32 - 1);
    db[db.length - salt.length - 1] = 0x01;
    db.set(salt, db.length - salt.length);
    const mask = new Uint8Array(db.length);
    for (let counter = 0, offset = 0; offset < mask.length; counter++, offset += 20) {
      const block = await digest("SHA-1", new Uint8Array([...h, 0, 0, 0, counter]));
      mask.set(block.subarray(0, Math.min(20, mask.length - offset)), offset);
    }
    const masked = db.map((b, i) => b ^ (mask[i] as number));
    masked[0] = (masked[0] as number) & 0x7f;
    const em = new Uint8Array([...masked, ...h, 0xbc]);
    const signature = (key.rsaPrivate as (m: Uint8Array) => Uint8Array)(em);
    const scheme = { kind: "rsa-pss", hash: "SHA-256", mgfHash: "SHA-1", saltLength: 20 } as const;
    expect(await verifier.verify(scheme, data, signature)).toBe(true);
    expect(await verifier.verify({ ...scheme, saltLength: 32 }, data, signature)).toBe(false);
  });
});
