import { base64url } from "jose";
import { describe, expect, it } from "vitest";
import { presentReceipt, verifyReceipt } from "../src/index.ts";
import {
  holderKeyPair,
  independentVerifier,
  issued,
  keyRing,
  statusListOf,
} from "./support/receipt-fixtures.ts";

/** Replaces the disclosure of `name` with one carrying `value` (same salt), as a forger would. */
function alterDisclosure(receipt: string, name: string, value: unknown): string {
  return receipt
    .split("~")
    .map((part, index) => {
      if (index === 0 || !part) return part;
      const decoded = JSON.parse(new TextDecoder().decode(base64url.decode(part)));
      if (decoded[1] !== name) return part;
      return base64url.encode(JSON.stringify([decoded[0], name, value]));
    })
    .join("~");
}

describe("receipts that must fail", () => {
  it("an altered disclosure fails in @sd-jwt/sd-jwt-vc and in verifyReceipt", async () => {
    const ring = await keyRing("k1");
    const forged = alterDisclosure(await issued(ring), "age_over_18", false);
    const statusList = await statusListOf(ring, []);
    const independent = await independentVerifier(ring.jwks, statusList)
      .verify(forged)
      .then(
        (result) => result.payload,
        (error: Error) => error.message,
      );
    // The library drops a disclosure no digest refers to; it never reports the forged value.
    if (typeof independent === "object") expect(independent).not.toHaveProperty("age_over_18", false);
    await expect(verifyReceipt(forged, { jwks: ring.jwks })).rejects.toThrow(/does not match any digest/);
  });

  it("a receipt signed by another key fails", async () => {
    const ring = await keyRing("k1");
    const impostor = await keyRing("k1");
    const receipt = await issued(impostor);
    await expect(
      independentVerifier(ring.jwks, await statusListOf(ring, [])).verify(receipt),
    ).rejects.toThrow();
    await expect(verifyReceipt(receipt, { jwks: ring.jwks })).rejects.toThrow(/signature|verif/i);
    await expect(verifyReceipt(receipt, { jwks: (await keyRing("other")).jwks })).rejects.toThrow(
      /no issuer key with kid k1/,
    );
  });

  it("a revoked receipt fails", async () => {
    const ring = await keyRing("k1");
    const receipt = await issued(ring);
    const revoked = await statusListOf(ring, [7]);
    await expect(independentVerifier(ring.jwks, revoked).verify(receipt)).rejects.toThrow(
      /Status is not valid/,
    );
    await expect(
      verifyReceipt(receipt, { jwks: ring.jwks, fetchStatusList: async () => revoked }),
    ).rejects.toThrow(/revoked/);
  });

  it("a status list signed by someone else fails", async () => {
    const ring = await keyRing("k1");
    const forgedList = await statusListOf(await keyRing("k1"), []);
    await expect(
      verifyReceipt(await issued(ring), { jwks: ring.jwks, fetchStatusList: async () => forgedList }),
    ).rejects.toThrow(/Status List JWT verification failed/);
  });

  it("a holder-bound receipt without the holder's key-binding JWT fails", async () => {
    const ring = await keyRing("k1");
    const holder = await holderKeyPair();
    const receipt = await issued(ring, { holderKey: holder.publicJwk });
    const unbound = await presentReceipt(receipt, { disclose: ["age_over_18"] });
    await expect(
      independentVerifier(ring.jwks, await statusListOf(ring, [])).verify(unbound, {
        keyBindingNonce: "n-1",
      }),
    ).rejects.toThrow(/Key Binding JWT not exist/);
    await expect(verifyReceipt(unbound, { jwks: ring.jwks })).rejects.toThrow(/no key-binding JWT/);
  });

  it("a key-binding JWT by another key, for another verifier or another nonce fails", async () => {
    const ring = await keyRing("k1");
    const holder = await holderKeyPair();
    const thief = await holderKeyPair();
    const receipt = await issued(ring, { holderKey: holder.publicJwk });
    const stolen = await presentReceipt(receipt, {
      disclose: ["age_over_18"],
      holderKey: thief.privateJwk,
      audience: "https://bank.example",
      nonce: "n-1",
    });
    await expect(verifyReceipt(stolen, { jwks: ring.jwks, nonce: "n-1" })).rejects.toThrow();
    const genuine = await presentReceipt(receipt, {
      disclose: ["age_over_18"],
      holderKey: holder.privateJwk,
      audience: "https://bank.example",
      nonce: "n-1",
    });
    await expect(verifyReceipt(genuine, { jwks: ring.jwks, nonce: "n-2" })).rejects.toThrow(/nonce/i);
    await expect(
      verifyReceipt(genuine, { jwks: ring.jwks, nonce: "n-1", audience: "https://shop.example" }),
    ).rejects.toThrow(/aud/);
    // A disclosure added after the holder signed breaks sd_hash.
    const all = receipt.split("~").filter(Boolean).slice(1);
    const [jwt, ...rest] = genuine.split("~");
    const widened = [jwt, ...rest.slice(0, -1), all.find((d) => !rest.includes(d)), rest.at(-1)].join("~");
    await expect(verifyReceipt(widened, { jwks: ring.jwks, nonce: "n-1" })).rejects.toThrow(/sd_hash/);
  });

  it("asks for names that are not disclosable, and a bound presentation without aud/nonce, are refused", async () => {
    const ring = await keyRing("k1");
    const receipt = await issued(ring);
    await expect(presentReceipt(receipt, { disclose: ["outcome"] })).rejects.toThrow(
      /not selectively disclosable/,
    );
    const holder = await holderKeyPair();
    await expect(presentReceipt(receipt, { disclose: [], holderKey: holder.privateJwk })).rejects.toThrow(
      /audience and nonce/,
    );
  });
});
