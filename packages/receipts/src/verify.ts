import { SDJwtInstance } from "@sd-jwt/core";
import { SDJwtVcInstance } from "@sd-jwt/sd-jwt-vc";
import { base64url, type JWK } from "jose";
import { findKey, RECEIPT_ALG } from "./issuer-keys.ts";
import { jwsHeader, verifyJws } from "./jws-callbacks.ts";
import { sha256Hasher } from "./sd-jwt-crypto.ts";

/** Receipts' header type (SD-JWT VC draft). */
export const RECEIPT_TYP = "dc+sd-jwt";
/** How far a key-binding JWT's `iat` may be from the verifier's clock. */
export const KB_MAX_SKEW_SECONDS = 300;

export interface VerifyOptions {
  /** The issuer's public keys (from its metadata, or a saved copy for offline checks). */
  jwks: { keys: JWK[] };
  /** Expected `iss`; unchecked when absent. */
  issuer?: string;
  /** Fetches a status list JWT by its URI; without it the status is reported as unchecked. */
  fetchStatusList?: (uri: string) => Promise<string>;
  /** Expected KB-JWT `aud` and `nonce` (the verifier's own); checked when given. */
  audience?: string;
  nonce?: string;
  /** Seconds since the epoch. */
  now?: number;
}

export interface VerifiedReceipt {
  header: Record<string, unknown>;
  /** The issuer-signed claims with every presented disclosure resolved. */
  claims: Record<string, unknown>;
  /** Names of the selectively disclosable claims this presentation revealed. */
  disclosed: string[];
  keyBinding?: { aud: string; nonce: string; iat: number };
  status: "valid" | "unchecked";
}

/** A receipt that failed verification; `message` says which check failed. */
export class ReceiptVerificationError extends Error {
  override name = "ReceiptVerificationError";
}

/**
 * Verifies a receipt or a presentation of one: the issuer's signature (by `kid` from `jwks`), that every
 * disclosure's digest is in the signed payload, the key binding (required whenever the receipt has
 * `cnf`), and the status list entry (signed by the same issuer). Throws ReceiptVerificationError.
 */
export async function verifyReceipt(presentation: string, options: VerifyOptions): Promise<VerifiedReceipt> {
  const compact = presentation.trim();
  const parts = compact.split("~");
  if (parts.length < 2 || !parts[0])
    throw fail("not an SD-JWT (expected issuer-signed JWT~disclosures~[KB-JWT])");
  const header = jwsHeader(parts[0]);
  if (header.typ !== RECEIPT_TYP) throw fail(`header typ is ${String(header.typ)}, expected ${RECEIPT_TYP}`);
  if (header.alg !== RECEIPT_ALG) throw fail(`header alg is ${String(header.alg)}, expected ${RECEIPT_ALG}`);
  if (!findKey(options.jwks, header.kid))
    throw fail(`no issuer key with kid ${String(header.kid)} in the JWKS`);
  const kbJwt = parts.at(-1) ?? "";
  const disclosures = parts.slice(1, kbJwt ? -1 : undefined).filter((part) => part !== "");
  const kbNonce = kbJwt ? jwsPayload(kbJwt).nonce : undefined;

  const byKid = async (data: string, signature: string) => {
    const key = findKey(options.jwks, jwsHeader(data).kid);
    return key ? verifyJws(key, data, signature) : false;
  };
  const config = {
    hasher: sha256Hasher,
    verifier: byKid,
    kbVerifier: async (data: string, signature: string, payload: Record<string, unknown>) => {
      const holder = (payload.cnf as { jwk?: JWK } | undefined)?.jwk;
      return holder ? verifyJws(holder, data, signature) : false;
    },
  };
  // The VC instance adds the status list check; offline (no fetcher) the core instance skips it.
  const sdjwt = options.fetchStatusList
    ? new SDJwtVcInstance({
        ...config,
        statusVerifier: byKid,
        statusListFetcher: options.fetchStatusList,
        statusValidator: async (status) => {
          if (status !== 0) throw fail(`the receipt is revoked (status ${status})`);
        },
      })
    : new SDJwtInstance<Record<string, unknown>>(config);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  let result: Awaited<ReturnType<typeof sdjwt.verify>>;
  try {
    await requireDigestsFor(parts[0], disclosures);
    result = await sdjwt.verify(compact, {
      currentDate: now,
      ...(kbJwt ? { keyBindingNonce: options.nonce ?? String(kbNonce ?? "") } : {}),
    });
  } catch (error) {
    if (error instanceof ReceiptVerificationError) throw error;
    throw fail((error as Error).message);
  }
  const claims = result.payload as Record<string, unknown>;
  if (options.issuer !== undefined && claims.iss !== options.issuer) {
    throw fail(`iss is ${String(claims.iss)}, expected ${options.issuer}`);
  }
  if (claims.cnf && !result.kb) throw fail("the receipt is bound to a holder key but has no key-binding JWT");
  let keyBinding: VerifiedReceipt["keyBinding"];
  if (result.kb) {
    const { aud, nonce, iat } = result.kb.payload;
    if (options.audience !== undefined && aud !== options.audience) {
      throw fail(`key-binding JWT aud is ${aud}, expected ${options.audience}`);
    }
    if (Math.abs(now - iat) > KB_MAX_SKEW_SECONDS && options.nonce !== undefined) {
      throw fail(`key-binding JWT was made at ${iat}, more than ${KB_MAX_SKEW_SECONDS} s from now`);
    }
    keyBinding = { aud, nonce, iat };
  }
  const disclosed = await disclosedNames(disclosures);
  return {
    header,
    claims,
    disclosed,
    ...(keyBinding ? { keyBinding } : {}),
    status: options.fetchStatusList || !claims.status ? "valid" : "unchecked",
  };
}

function fail(message: string): ReceiptVerificationError {
  return new ReceiptVerificationError(message);
}

function jwsPayload(token: string): Record<string, unknown> {
  try {
    return JSON.parse(new TextDecoder().decode(base64url.decode(token.split(".")[1] ?? "")));
  } catch {
    throw fail("the key-binding JWT is not a JWS");
  }
}

/** Every disclosure must be referenced by a digest in the signed payload or in another disclosure. */
async function requireDigestsFor(issuerJwt: string, disclosures: string[]): Promise<void> {
  const digests = new Set<string>();
  collectDigests(jwsPayload(issuerJwt), digests);
  const decoded = disclosures.map((disclosure) => {
    try {
      return JSON.parse(new TextDecoder().decode(base64url.decode(disclosure))) as unknown[];
    } catch {
      throw fail("a disclosure is not base64url JSON");
    }
  });
  for (const value of decoded) collectDigests(value.at(-1), digests);
  for (const disclosure of disclosures) {
    const digest = base64url.encode(await sha256Hasher(disclosure, "sha-256"));
    if (!digests.has(digest))
      throw fail("a disclosure does not match any digest the issuer signed (altered?)");
  }
}

function collectDigests(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      const ref = (item as { "..."?: unknown } | null)?.["..."];
      if (typeof ref === "string") into.add(ref);
      else collectDigests(item, into);
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [name, member] of Object.entries(value)) {
      if (name === "_sd" && Array.isArray(member))
        for (const d of member)
          if (typeof d === "string") into.add(d);
          else collectDigests(member, into);
    }
  }
}

async function disclosedNames(disclosures: string[]): Promise<string[]> {
  return disclosures.flatMap((disclosure) => {
    const value = JSON.parse(new TextDecoder().decode(base64url.decode(disclosure))) as unknown[];
    return value.length === 3 ? [String(value[1])] : [];
  });
}
