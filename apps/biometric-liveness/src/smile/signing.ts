import { ConfigError, smileIdSignature } from "@edgekyc/platform";
import type { Services } from "../services.ts";

/**
 * `timestamp` and `signature` for a body the partner receives (job_status answers, callbacks), signed the
 * way the SDK's `Signature.confirm_signature` checks it: HMAC-SHA256 with the partner's API key of
 * timestamp + partner_id + "sid_request". The key that submitted the job signs, or, once it is gone,
 * the partner's newest usable key.
 */
export async function signForPartner(
  services: Services,
  partnerId: string,
  keyId: string,
): Promise<{ timestamp: string; signature: string }> {
  const partner = await services.accounts.partners.get(partnerId);
  const found = partner ? await services.accounts.keys.findSmileIdForAuth(partner.smileIdPartnerId) : null;
  const key = found?.keys.find((k) => k.id === keyId) ?? found?.keys[0];
  if (!partner || !key) throw new ConfigError(`partner ${partnerId} has no usable Smile ID key to sign with`);
  const timestamp = new Date(services.now()).toISOString();
  return { timestamp, signature: await smileIdSignature(key.apiKey, timestamp, partner.smileIdPartnerId) };
}
