import { randomSecret } from "@edgekyc/platform";
import type { Dialect, Mode } from "@edgekyc/schemas";

/** Prefix of each dialect's public id: `<prefix>_<mode>_<pub>`. */
const KEY_PREFIX = {
  machinesense: "ms",
  idenfy: "idf",
  assure: "as",
  ndt: "ndt",
  edgekyc: "ek",
  // Smile ID credentials have no key identifier; this only labels the key in listings.
  smileid: "sid",
} as const satisfies Record<Dialect, string>;

/** What the partner sends, per dialect, in the dialect's own field names (PLAN "Credentials"). */
export interface DialectCredentials {
  machinesense: { api_key: string };
  idenfy: { api_key: string; api_secret: string };
  smileid: { partner_id: string; api_key: string };
  assure: { client_id: string; client_secret: string };
  ndt: { api_key: string; merchant_id: string };
  edgekyc: { api_key: string };
}

/** Credentials for every dialect, as returned once when a partner is created. */
export type Credentials = { [D in Dialect]: DialectCredentials[D] };

export interface IssuedKey<D extends Dialect = Dialect> {
  publicId: string;
  /** ≥ 32 random bytes, base62. */
  secret: string;
  credentials: DialectCredentials[D];
}

const PUBLIC_ID_LENGTH = 16;
const SECRET_BYTES = 32;
const LOWER_ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyz";

/** 16 characters of [0-9a-z] (≈ 82 bits): unique enough for a lookup handle that is not a secret. */
function randomPublicPart(): string {
  let out = "";
  while (out.length < PUBLIC_ID_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(PUBLIC_ID_LENGTH * 2))) {
      // 252 = 7 × 36: drop the top bytes so every character is equally likely.
      if (byte < 252 && out.length < PUBLIC_ID_LENGTH) out += LOWER_ALPHANUMERIC[byte % 36];
    }
  }
  return out;
}

/** A new credential for a dialect; the partner's stable Smile ID partner_id and NDT merchant id go with it. */
export function issueKey<D extends Dialect>(
  dialect: D,
  mode: Mode,
  partner: { smileIdPartnerId: string; ndtMerchantId: string },
): IssuedKey<D> {
  const publicId = `${KEY_PREFIX[dialect]}_${mode}_${randomPublicPart()}`;
  const secret = randomSecret(SECRET_BYTES);
  const all: DialectCredentials = {
    machinesense: { api_key: `${publicId}_${secret}` },
    idenfy: { api_key: publicId, api_secret: secret },
    smileid: { partner_id: partner.smileIdPartnerId, api_key: secret },
    assure: { client_id: publicId, client_secret: secret },
    ndt: { api_key: `${publicId}_${secret}`, merchant_id: partner.ndtMerchantId },
    edgekyc: { api_key: `${publicId}_${secret}` },
  };
  return { publicId, secret, credentials: all[dialect] };
}

/** Length bounds of what a client may present; anything else is refused before any lookup. */
const PUBLIC_ID = /^(ms|idf|as|ndt|ek|sid)_(test|live)_[0-9a-z]{16}$/;
const SECRET = /^[0-9A-Za-z]{32,128}$/;

/** Whether a string looks like a public id of that dialect (cheap check before a database lookup). */
export function isPublicIdOf(dialect: Dialect, value: string): boolean {
  return PUBLIC_ID.test(value) && value.startsWith(`${KEY_PREFIX[dialect]}_`);
}

export function isWellFormedSecret(value: string): boolean {
  return SECRET.test(value);
}

/** Splits a one-string key (`ms_test_<pub>_<secret>`) into its public id and secret; null when malformed. */
export function splitCompositeKey(
  dialect: Dialect,
  value: string,
): { publicId: string; secret: string } | null {
  if (value.length > 200) return null;
  const cut = value.lastIndexOf("_");
  const publicId = value.slice(0, cut);
  const secret = value.slice(cut + 1);
  return cut > 0 && isPublicIdOf(dialect, publicId) && isWellFormedSecret(secret)
    ? { publicId, secret }
    : null;
}
