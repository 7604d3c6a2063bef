import { createHeaderAndPayload, StatusList } from "@sd-jwt/jwt-status-list";
import { SignJWT } from "jose";
import type { IssuerSigningKey } from "./issuer-keys.ts";
import { RECEIPT_ALG } from "./issuer-keys.ts";

/** Token Status List values (draft-ietf-oauth-status-list): 0 valid, 1 invalid (revoked). */
export const STATUS_VALID = 0;
export const STATUS_INVALID = 1;

/**
 * Entries per status list. A receipt's index is drawn at random over every list (see the app's
 * README), so a list is a large anonymity set and its compressed form stays small while it is sparse.
 */
export const STATUS_LIST_SIZE = 131_072;

/** The media type a status list is served with. */
export const STATUS_LIST_MEDIA_TYPE = "application/statuslist+jwt";

export interface StatusListToken {
  /** The list's own URL: the JWT's `sub`, and the `uri` in every receipt on it. */
  uri: string;
  /** Indexes (within this list) whose status is invalid. */
  invalid: Iterable<number>;
  /** Seconds since the epoch. */
  issuedAt: number;
  /** How long (seconds) a verifier may cache the list before fetching it again. */
  ttlSeconds: number;
}

/** Signs a status list as a `statuslist+jwt` with one bit per receipt, ZLIB-compressed as the draft says. */
export async function signStatusList(key: IssuerSigningKey, token: StatusListToken): Promise<string> {
  const bits = new Array<number>(STATUS_LIST_SIZE).fill(STATUS_VALID);
  for (const index of token.invalid) {
    if (!Number.isInteger(index) || index < 0 || index >= STATUS_LIST_SIZE) {
      throw new RangeError(`status index ${index} is outside 0..${STATUS_LIST_SIZE - 1}`);
    }
    bits[index] = STATUS_INVALID;
  }
  const { header, payload } = createHeaderAndPayload(
    new StatusList(bits, 1),
    {
      sub: token.uri,
      iat: token.issuedAt,
      exp: token.issuedAt + 2 * token.ttlSeconds,
      ttl: token.ttlSeconds,
    },
    { alg: RECEIPT_ALG, typ: "statuslist+jwt", kid: key.kid },
  );
  return new SignJWT(payload).setProtectedHeader(header).sign(key.privateKey);
}
