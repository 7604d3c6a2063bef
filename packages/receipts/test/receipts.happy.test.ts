import { base64url, exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { IssuerKeyRing, presentReceipt, RECEIPT_TYP, verifyReceipt } from "../src/index.ts";
import {
  holderKeyPair,
  ISSUER,
  independentVerifier,
  issued,
  keyRing,
  STATUS_URI,
  statusListOf,
} from "./support/receipt-fixtures.ts";

describe("issuing", () => {
  it("issues an SD-JWT VC that @sd-jwt/sd-jwt-vc verifies with every claim and the status", async () => {
    const ring = await keyRing("k2", "k1");
    const receipt = await issued(ring);
    const result = await independentVerifier(ring.jwks, await statusListOf(ring, [3])).verify(receipt);
    expect(result.header).toMatchObject({ typ: RECEIPT_TYP, alg: "ES256", kid: "k2" });
    expect(result.payload).toMatchObject({
      iss: ISSUER,
      vct: `${ISSUER}/vct/nfc-session/v1`,
      jti: "rcp_01test",
      capability: "nfc-session",
      outcome: "passed",
      partner_reference: "order-42",
      age_over_18: true,
      given_name: "ANNA",
      checks: { passive_authentication: "passed" },
      status: { status_list: { idx: 7, uri: STATUS_URI } },
    });
  });

  it("hides each personal claim behind its own digest, with decoys when asked", async () => {
    const ring = await keyRing("k1");
    const receipt = await issued(ring, { decoys: 3 });
    const [jwt, ...disclosures] = receipt.split("~");
    const payload = JSON.parse(
      new TextDecoder().decode(base64url.decode((jwt as string).split(".")[1] as string)),
    );
    expect(payload).not.toHaveProperty("given_name");
    expect(payload._sd_alg).toBe("sha-256");
    // 4 personal claims + partner_reference + 3 decoys.
    expect(payload._sd).toHaveLength(8);
    expect(disclosures.filter(Boolean)).toHaveLength(5);
  });

  it("signs with the first key and still verifies receipts of a rotated-out key", async () => {
    const old = await keyRing("old");
    const oldReceipt = await issued(old);
    const oldJwk = JSON.parse(JSON.stringify(old.jwks.keys[0])) as object;
    const newRing = await keyRing("new");
    const jwks = { keys: [...newRing.jwks.keys, oldJwk as (typeof newRing.jwks.keys)[number]] };
    await expect(verifyReceipt(oldReceipt, { jwks, issuer: ISSUER })).resolves.toMatchObject({
      status: "unchecked",
    });
  });
});

describe("presenting and verifying", () => {
  it("discloses only what was chosen, and verifyReceipt checks the status list", async () => {
    const ring = await keyRing("k1");
    const presentation = await presentReceipt(await issued(ring), {
      disclose: ["age_over_18", "issuing_state"],
    });
    const statusList = await statusListOf(ring, [1, 2]);
    const verified = await verifyReceipt(presentation, {
      jwks: ring.jwks,
      issuer: ISSUER,
      fetchStatusList: async () => statusList,
    });
    expect(verified.status).toBe("valid");
    expect(verified.disclosed.sort()).toEqual(["age_over_18", "issuing_state"]);
    expect(verified.claims).toMatchObject({ age_over_18: true, issuing_state: "NLD", outcome: "passed" });
    expect(verified.claims).not.toHaveProperty("given_name");
    const independent = await independentVerifier(ring.jwks, statusList).verify(presentation);
    expect(independent.payload).not.toHaveProperty("family_name");
  });

  it("accepts a holder-bound presentation with the holder's key-binding JWT", async () => {
    const ring = await keyRing("k1");
    const holder = await holderKeyPair();
    const receipt = await issued(ring, { holderKey: holder.publicJwk });
    const presentation = await presentReceipt(receipt, {
      disclose: ["age_over_18"],
      holderKey: holder.privateJwk,
      audience: "https://bank.example",
      nonce: "n-123",
    });
    const verified = await verifyReceipt(presentation, {
      jwks: ring.jwks,
      audience: "https://bank.example",
      nonce: "n-123",
    });
    expect(verified.keyBinding).toMatchObject({ aud: "https://bank.example", nonce: "n-123" });
    const independent = await independentVerifier(ring.jwks, await statusListOf(ring, [])).verify(
      presentation,
      {
        keyBindingNonce: "n-123",
      },
    );
    expect(independent.kb?.payload.aud).toBe("https://bank.example");
  });

  it("accepts an Ed25519 holder key (cnf) and its EdDSA key-binding JWT", async () => {
    const ring = await keyRing("k1");
    const { privateKey, publicKey } = await generateKeyPair("Ed25519", { extractable: true });
    const receipt = await issued(ring, { holderKey: await exportJWK(publicKey) });
    const presentation = await presentReceipt(receipt, {
      disclose: ["issuing_state"],
      holderKey: await exportJWK(privateKey),
      audience: "https://bank.example",
      nonce: "n-ed",
    });
    const verified = await verifyReceipt(presentation, { jwks: ring.jwks, nonce: "n-ed" });
    expect(verified.keyBinding?.aud).toBe("https://bank.example");
    expect(verified.claims).toMatchObject({ issuing_state: "NLD" });
  });

  it("parses a key ring and publishes public keys only", async () => {
    const ring = await keyRing("a", "b");
    const text = JSON.stringify(ring.jwks);
    expect(text).not.toContain('"d"');
    expect(ring.jwks.keys.map((key) => key.kid)).toEqual(["a", "b"]);
    await expect(IssuerKeyRing.fromJwks(text)).rejects.toThrow(/no private part/);
  });
});
