import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../app/types.ts";
import { hmacSha256, timingSafeEqual, toBase64 } from "../../crypto/digest.ts";
import { failAuthentication, jsonBody } from "./failures.ts";
import { accountsOf } from "./key-auth.ts";

/** How far a request's `timestamp` may be from the server's clock. */
export const SMILE_ID_TIMESTAMP_WINDOW_MS = 15 * 60_000;

/** Smile ID's signature: base64(HMAC-SHA256(api key, timestamp + partner_id + "sid_request")). */
export async function smileIdSignature(
  apiKey: string,
  timestamp: string,
  partnerId: string,
): Promise<string> {
  return toBase64(await hmacSha256(apiKey, `${timestamp}${partnerId}sid_request`));
}

/**
 * Smile ID: `partner_id`, `timestamp` and `signature` in the JSON body. The timestamp must be within
 * 15 minutes, and a signature is accepted once: Smile ID's signature does not cover the body, so a
 * captured one must not authenticate another request.
 */
export function smileIdAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const body = await jsonBody(c);
    const partnerId = body?.partner_id;
    const timestamp = body?.timestamp;
    const signature = body?.signature;
    if (typeof partnerId !== "string" || typeof timestamp !== "string" || typeof signature !== "string") {
      return failAuthentication(c);
    }
    const at = Date.parse(timestamp);
    if (Number.isNaN(at) || Math.abs(Date.now() - at) > SMILE_ID_TIMESTAMP_WINDOW_MS) {
      return failAuthentication(c, "timestamp is missing or more than 15 minutes from the server's clock");
    }
    const accounts = await accountsOf(c);
    const found = partnerId.length <= 32 ? await accounts.smileIdKeys(partnerId) : null;
    let matched: (typeof found & object)["keys"][number] | undefined;
    for (const key of found?.keys ?? []) {
      // Check every key (no early exit), so timing does not tell how many keys a partner has in use.
      const ok = await timingSafeEqual(signature, await smileIdSignature(key.secret, timestamp, partnerId));
      if (ok) matched = key;
    }
    if (!found || !matched) return failAuthentication(c);
    if (!(await accounts.useSignatureOnce(found.partner.id, signature, at + SMILE_ID_TIMESTAMP_WINDOW_MS))) {
      return failAuthentication(c, "this signature was already used; sign every request anew");
    }
    c.set("principal", {
      partnerId: found.partner.id,
      keyId: matched.row.id,
      mode: matched.row.mode,
      dialect: "smileid",
      scopes: matched.row.scopes,
    });
    await next();
  };
}
