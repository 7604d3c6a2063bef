import type { AppEnv } from "@edgekyc/platform";
import { smileIdSignature, timingSafeEqual } from "@edgekyc/platform";
import type { Context, MiddlewareHandler } from "hono";
import type { SmileIdAuthKey } from "../repository/keys.ts";
import { refuse } from "./failures.ts";
import { accountsOf, admit, type KeyAuthOptions } from "./key-auth.ts";
import { jsonBodyObject } from "./presented-credentials.ts";

/** How far a request's `timestamp` may be from the server's clock, either way. */
const SMILE_ID_TIMESTAMP_WINDOW_MS = 15 * 60_000;

// ISO 8601 date-time as the SDKs send it (`new Date().toISOString()`), with an offset or Z.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const SMILE_PARTNER_ID = /^[0-9]{1,20}$/;
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

/** The signed fields of a Smile ID body, when present and well-formed. */
async function presentedSignature(c: Context) {
  const body = await jsonBodyObject(c);
  const partnerId = typeof body?.partner_id === "number" ? String(body.partner_id) : body?.partner_id;
  const { timestamp, signature } = body ?? {};
  if (
    typeof partnerId !== "string" ||
    !SMILE_PARTNER_ID.test(partnerId) ||
    typeof timestamp !== "string" ||
    !ISO_TIMESTAMP.test(timestamp) ||
    typeof signature !== "string" ||
    !SIGNATURE.test(signature)
  ) {
    return null;
  }
  const signedAt = Date.parse(timestamp);
  return Number.isNaN(signedAt) ? null : { partnerId, timestamp, signature, signedAt };
}

/**
 * Smile ID: `partner_id`, `timestamp` and `signature` in the JSON body. The signature is checked in
 * constant time against every usable key of the partner (two during a rotation). The timestamp must be
 * within 15 minutes of the server's clock, and each signature is accepted once: Smile ID's signature
 * does not cover the body, so a captured one must not authenticate a second request.
 */
export function smileIdAuth(options: KeyAuthOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("dialect", "smileid");
    const presented = await presentedSignature(c);
    if (!presented || Math.abs(Date.now() - presented.signedAt) > SMILE_ID_TIMESTAMP_WINDOW_MS) {
      return refuse(c, "smileid");
    }
    const accounts = await accountsOf(c);
    const found = await accounts.keys.findSmileIdForAuth(presented.partnerId);
    let matched: SmileIdAuthKey | undefined;
    for (const key of found?.keys ?? []) {
      // No early exit: the time taken must not tell which of the partner's keys matched.
      const expected = await smileIdSignature(key.apiKey, presented.timestamp, presented.partnerId);
      if ((await timingSafeEqual(presented.signature, expected)) && !matched) matched = key;
    }
    if (!found || !matched) return refuse(c, "smileid");
    const firstUse = await accounts.keys.useSmileIdSignature(
      found.partnerId,
      presented.signature,
      presented.signedAt + SMILE_ID_TIMESTAMP_WINDOW_MS,
    );
    if (!firstUse) return refuse(c, "smileid");
    admit(c, accounts, matched, "smileid", options);
    await next();
  };
}
