import { AuthCache } from "../auth-cache.ts";
import type { AuthKey, SmileIdAuthKey } from "./keys.ts";

// Per isolate, shared by every repository over the same database (ids are globally unique).
export const keysByPublicId = new AuthCache<AuthKey & { secretCiphertext: string | null }>();
export const keysById = new AuthCache<AuthKey>();
export const smileIdKeys = new AuthCache<{ partnerId: string; keys: SmileIdAuthKey[] }>();

/** Drops everything this isolate cached about a partner's keys (after a rotation, revocation or erasure). */
export function forgetPartnerKeys(partnerId: string): void {
  keysByPublicId.forgetPartner(partnerId);
  keysById.forgetPartner(partnerId);
  smileIdKeys.forgetPartner(partnerId);
}
