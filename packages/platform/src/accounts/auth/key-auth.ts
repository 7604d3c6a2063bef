import type { Dialect } from "@edgekyc/schemas";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, Principal } from "../../app/types.ts";
import { sha256Hex, timingSafeEqual } from "../../crypto/digest.ts";
import { splitCompositeKey } from "../credentials.ts";
import { type AccountsRepository, getAccounts, isKeyUsable } from "../repository.ts";
import { bearerToken, failAuthentication, jsonBody } from "./failures.ts";

export type AccountsBindings = { ACCOUNTS: D1Database; ENCRYPTION_KEYS: string; AUTH_FAILURES?: RateLimit };

export function accountsOf(c: Context): Promise<AccountsRepository> {
  return getAccounts(c.env as AccountsBindings);
}

/** Checks a public id + secret for a dialect; the principal, or null. Constant-time in the secret. */
export async function verifyKey(
  accounts: AccountsRepository,
  dialect: Dialect,
  publicId: string,
  secret: string,
): Promise<Principal | null> {
  const key = await accounts.findKeyByPublicId(publicId);
  // Hash the presented secret even for unknown ids, so timing does not tell which ids exist.
  const presented = await sha256Hex(secret);
  const matches = await timingSafeEqual(presented, key?.secretHash ?? "0".repeat(64));
  if (!key || !matches || key.dialect !== dialect || !isKeyUsable(key, Date.now())) return null;
  return { partnerId: key.partnerId, keyId: key.id, mode: key.mode, dialect, scopes: key.scopes };
}

/** A middleware for a key presented as one string (`<prefix>_<mode>_<pub>_<secret>`). */
export function compositeKeyAuth(
  dialect: Dialect,
  extract: (c: Context) => Promise<string | null>,
  extraCheck?: (c: Context, principal: Principal, accounts: AccountsRepository) => Promise<boolean>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const presented = await extract(c);
    const parts = presented ? splitCompositeKey(presented, dialect) : null;
    const accounts = await accountsOf(c);
    const principal = parts ? await verifyKey(accounts, dialect, parts.publicId, parts.secret) : null;
    if (!principal || (extraCheck && !(await extraCheck(c, principal, accounts))))
      return failAuthentication(c);
    c.set("principal", principal);
    await next();
  };
}

/** EdgeKYC platform key as a bearer token (webhooks partner API). */
export const edgekycKeyAuth = () => compositeKeyAuth("edgekyc", async (c) => bearerToken(c));

/** MachineSense: `api_key` in the JSON body. */
export const machineSenseAuth = () =>
  compositeKeyAuth("machinesense", async (c) => {
    const value = (await jsonBody(c))?.api_key;
    return typeof value === "string" ? value : null;
  });

/** NDT eKYC: bearer key, and the `Merchant-Id` header must be the key's partner's. */
export const ndtAuth = () =>
  compositeKeyAuth(
    "ndt",
    async (c) => bearerToken(c),
    async (c, principal, accounts) => {
      const merchantId = c.req.header("merchant-id") ?? "";
      const partner = await accounts.getPartner(principal.partnerId);
      return partner !== null && (await timingSafeEqual(merchantId, partner.ndtMerchantId));
    },
  );

/** iDenfy: HTTP Basic with API key and API secret. */
export function idenfyAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    const match = header ? /^Basic\s+([A-Za-z0-9+/=]{1,700})$/i.exec(header) : null;
    let decoded = "";
    try {
      decoded = match ? atob(match[1] as string) : "";
    } catch {
      decoded = "";
    }
    const separator = decoded.indexOf(":");
    const accounts = await accountsOf(c);
    const principal =
      separator > 0
        ? await verifyKey(accounts, "idenfy", decoded.slice(0, separator), decoded.slice(separator + 1))
        : null;
    if (!principal) return failAuthentication(c);
    c.set("principal", principal);
    await next();
  };
}
