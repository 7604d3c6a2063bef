import { CompactEncrypt, exportJWK, generateKeyPair, importJWK } from "jose";
import { describe, expect, it } from "vitest";
import { jweKeyRing, openChipEnvelope } from "../../src/domain/chip-envelope.ts";
import { NfcError } from "../../src/domain/outcomes.ts";
import { encryptChipUpload } from "../../src/reader-app/index.ts";

async function privateJwk(kid: string) {
  const { privateKey } = await generateKeyPair("ECDH-ES", { crv: "P-256", extractable: true });
  return { ...(await exportJWK(privateKey)), kid };
}

const FILES = { EF_SOD: new Uint8Array([0x77, 1, 0]), DG1: new Uint8Array([0x61, 1, 0]) };

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof NfcError) return `${error.code} ${error.message}`;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("chip envelope (JWE)", () => {
  it("decrypts with every key of the ring (rotation) and either AES-GCM size", async () => {
    const current = await privateJwk("k2");
    const previous = await privateJwk("k1");
    const ring = await jweKeyRing(JSON.stringify([current, previous]));
    expect(ring.currentKid).toBe("k2");
    expect(ring.publicKeys.map((k) => k.kid)).toEqual(["k2", "k1"]);
    const old = ring.publicKeys[1] as (typeof ring.publicKeys)[number];
    const jwe = await encryptChipUpload({
      key: old,
      sessionId: "nfc_a",
      files: FILES,
      challenge: "AAECAwQFBgc=",
      enc: "A128GCM",
    });
    const opened = await openChipEnvelope(ring, jwe, "nfc_a");
    expect(opened.kid).toBe("k1");
    expect([...opened.files.keys()].sort()).toEqual(["DG1", "EF_SOD"]);
    expect(opened.challenge).toEqual(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]));
  });

  it("refuses a JWE whose protected sid or payload names another session", async () => {
    const jwk = await privateJwk("k1");
    const ring = await jweKeyRing(JSON.stringify([jwk]));
    const key = ring.publicKeys[0] as (typeof ring.publicKeys)[number];
    const other = await encryptChipUpload({ key, sessionId: "nfc_b", files: FILES });
    expect(await refusal(openChipEnvelope(ring, other, "nfc_a"))).toContain(
      "another session (protected header sid)",
    );
    // sid right, payload wrong: made by hand.
    const publicKey = await importJWK({ kty: "EC", crv: "P-256", x: key.x, y: key.y }, "ECDH-ES");
    const mixed = await new CompactEncrypt(
      new TextEncoder().encode(
        JSON.stringify({ session_id: "nfc_b", files: { EF_SOD: "dw==", DG1: "YQ==" } }),
      ),
    )
      .setProtectedHeader({ alg: "ECDH-ES", enc: "A256GCM", kid: "k1", sid: "nfc_a" })
      .encrypt(publicKey);
    expect(await refusal(openChipEnvelope(ring, mixed, "nfc_a"))).toContain("made for another session");
  });

  it("refuses other key-management algorithms, altered ciphertext and malformed payloads", async () => {
    const jwk = await privateJwk("k1");
    const ring = await jweKeyRing(JSON.stringify([jwk]));
    const key = ring.publicKeys[0] as (typeof ring.publicKeys)[number];
    const publicKey = await importJWK({ kty: "EC", crv: "P-256", x: key.x, y: key.y }, "ECDH-ES+A128KW");
    const wrapped = await new CompactEncrypt(new TextEncoder().encode("{}"))
      .setProtectedHeader({ alg: "ECDH-ES+A128KW", enc: "A256GCM", kid: "k1", sid: "nfc_a" })
      .encrypt(publicKey);
    expect(await refusal(openChipEnvelope(ring, wrapped, "nfc_a"))).toMatch(/^2004 /);

    const good = await encryptChipUpload({ key, sessionId: "nfc_a", files: FILES });
    const parts = good.split(".");
    const cipher = parts[3] as string;
    parts[3] = `${cipher.slice(0, 5)}${cipher[5] === "A" ? "B" : "A"}${cipher.slice(6)}`;
    expect(await refusal(openChipEnvelope(ring, parts.join("."), "nfc_a"))).toContain(
      "this server can decrypt (JWEDecryptionFailed)",
    );

    const importedKey = await importJWK({ kty: "EC", crv: "P-256", x: key.x, y: key.y }, "ECDH-ES");
    const noSod = await new CompactEncrypt(
      new TextEncoder().encode(JSON.stringify({ session_id: "nfc_a", files: { DG1: "YQ==" } })),
    )
      .setProtectedHeader({ alg: "ECDH-ES", enc: "A256GCM", kid: "k1", sid: "nfc_a" })
      .encrypt(importedKey);
    expect(await refusal(openChipEnvelope(ring, noSod, "nfc_a"))).toContain("at least EF_SOD and DG1");
  });

  it("refuses key rings that are not private P-256 JWKs with unique kids", async () => {
    const jwk = await privateJwk("k1");
    await expect(jweKeyRing("not json")).rejects.toThrow();
    await expect(jweKeyRing(JSON.stringify([jwk, jwk]))).rejects.toThrow(/unique/);
    await expect(jweKeyRing(JSON.stringify([{ ...jwk, d: undefined }]))).rejects.toThrow();
  });
});
