import { hmacSha256, toHex } from "@edgekyc/platform";
import { Webhook } from "standardwebhooks";

type DialectSignature = "idenfy" | "smileid";

export interface SignInput {
  /** Standard Webhooks message id: the event id, stable across retries and replays. */
  messageId: string;
  body: string;
  /** Valid `whsec_…` secrets of the endpoint, newest first (several during a rotation grace period). */
  secrets: readonly string[];
  signatures: readonly DialectSignature[];
  at: Date;
}

/**
 * Headers that authenticate one delivery. Standard Webhooks always, one `v1,` signature per valid secret
 * (receivers accept any of them, so rotating a secret never breaks verification). iDenfy's own
 * `Idenfy-Signature` is hex HMAC-SHA256 of the raw body keyed with the newest secret string as UTF-8 —
 * the way iDenfy integrations use their "callback signing key". Smile ID signs inside the payload, which
 * its producer computed, so nothing is added for it here.
 */
export async function signDelivery(input: SignInput): Promise<Record<string, string>> {
  const [newest] = input.secrets;
  if (!newest) throw new Error("an endpoint without a signing secret cannot be delivered to");
  const signatures = input.secrets.map((secret) =>
    new Webhook(secret).sign(input.messageId, input.at, input.body),
  );
  const headers: Record<string, string> = {
    "webhook-id": input.messageId,
    "webhook-timestamp": String(Math.floor(input.at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
  if (input.signatures.includes("idenfy")) {
    headers["Idenfy-Signature"] = toHex(await hmacSha256(newest, input.body));
  }
  return headers;
}
