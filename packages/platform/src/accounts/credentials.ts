import type { Dialect, Mode } from "@edgekyc/schemas";
import { randomSecret } from "../crypto/digest.ts";

/** Prefixes of the credentials that carry a public id (`<prefix>_<mode>_<pub>[_<secret>]`). */
export const KEY_PREFIX: Record<Exclude<Dialect, "smileid">, string> = {
  machinesense: "ms",
  idenfy: "idf",
  assure: "as",
  ndt: "ndt",
  edgekyc: "ek",
};

export interface IssuedKey {
  publicId: string | null;
  secret: string;
  /** What the partner sends, in the dialect's own field names. */
  credentials: Record<string, string>;
}

/** Makes a new credential for a dialect; `smileIdPartnerId`/`ndtMerchantId` are the partner's stable ids. */
export function issueKey(
  dialect: Dialect,
  mode: Mode,
  partner: { smileIdPartnerId: string; ndtMerchantId: string },
): IssuedKey {
  const secret = randomSecret(32);
  if (dialect === "smileid") {
    return { publicId: null, secret, credentials: { partner_id: partner.smileIdPartnerId, api_key: secret } };
  }
  const publicId = `${KEY_PREFIX[dialect]}_${mode}_${randomSecret(12).toLowerCase()}`;
  switch (dialect) {
    case "idenfy":
      return { publicId, secret, credentials: { api_key: publicId, api_secret: secret } };
    case "assure":
      return { publicId, secret, credentials: { client_id: publicId, client_secret: secret } };
    case "ndt":
      return {
        publicId,
        secret,
        credentials: { api_key: `${publicId}_${secret}`, merchant_id: partner.ndtMerchantId },
      };
    default:
      return { publicId, secret, credentials: { api_key: `${publicId}_${secret}` } };
  }
}

/** Splits a single-string key (`ms_test_<pub>_<secret>`) into its public id and secret. */
export function splitCompositeKey(
  value: string,
  dialect: Dialect,
): { publicId: string; secret: string } | null {
  const prefix = dialect === "smileid" ? null : KEY_PREFIX[dialect];
  if (!prefix || value.length > 200) return null;
  const match = new RegExp(`^(${prefix}_(?:test|live)_[0-9a-z]+)_([0-9A-Za-z]+)$`).exec(value);
  return match ? { publicId: match[1] as string, secret: match[2] as string } : null;
}
