import { SDJwtVcInstance } from "@sd-jwt/sd-jwt-vc";
import type { JWK } from "jose";
import { holderSigner } from "./jws-callbacks.ts";
import { randomSalt, sha256Hasher } from "./sd-jwt-crypto.ts";

export interface PresentOptions {
  /** Names of the selectively disclosable claims to reveal; every other disclosure is dropped. */
  disclose: string[];
  /** The holder's private JWK: adds a key-binding JWT (needed when the receipt carries `cnf`). */
  holderKey?: JWK;
  /** The verifier the presentation is for (KB-JWT `aud`); required with `holderKey`. */
  audience?: string;
  /** The verifier's challenge (KB-JWT `nonce`); required with `holderKey`. */
  nonce?: string;
  /** Seconds since the epoch, for the KB-JWT's `iat`. */
  now?: number;
}

/** Why a presentation could not be made (unknown claim names, missing audience or nonce). */
export class PresentationError extends Error {
  override name = "PresentationError";
}

/** Derives a presentation: the issuer-signed JWT, the chosen disclosures and, with a holder key, a KB-JWT. */
export async function presentReceipt(receipt: string, options: PresentOptions): Promise<string> {
  // A presentation is made from the issued form; a key-binding JWT already on it is replaced.
  const base = receipt.trim().endsWith("~")
    ? receipt.trim()
    : `${receipt.trim().split("~").slice(0, -1).join("~")}~`;
  const plain = new SDJwtVcInstance({ hasher: sha256Hasher, saltGenerator: randomSalt });
  const available = await plain.presentableKeys(base);
  const unknown = options.disclose.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    throw new PresentationError(
      `not selectively disclosable in this receipt: ${unknown.join(", ")} (available: ${available.join(", ") || "none"})`,
    );
  }
  const frame = Object.fromEntries(options.disclose.map((name) => [name, true]));
  if (!options.holderKey) return plain.present(base, frame);
  if (!options.audience || !options.nonce) {
    throw new PresentationError("a key-bound presentation needs the verifier's audience and nonce");
  }
  const { signer, alg } = await holderSigner(options.holderKey);
  const bound = new SDJwtVcInstance({
    hasher: sha256Hasher,
    saltGenerator: randomSalt,
    kbSigner: signer,
    kbSignAlg: alg,
  });
  return bound.present(base, frame, {
    kb: {
      payload: {
        iat: options.now ?? Math.floor(Date.now() / 1000),
        aud: options.audience,
        nonce: options.nonce,
      },
    },
  });
}
