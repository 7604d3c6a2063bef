import type { AppEnv, Principal } from "@edgekyc/platform";
import { ApiError, ConfigError, sha256Hex, timingSafeEqual } from "@edgekyc/platform";
import { DIALECT_CAPABILITY, type Dialect, type EventSource } from "@edgekyc/schemas";
import type { Context, MiddlewareHandler } from "hono";
import { type AccountsRepository, getAccounts } from "../repository/accounts.ts";
import type { AuthKey } from "../repository/keys.ts";
import { refuse } from "./failures.ts";

/** What every auth middleware needs from the Worker's env. */
export type AuthBindings = { ACCOUNTS: D1Database; ENCRYPTION_KEYS: string; AUTH_FAILURES?: RateLimit };

export interface KeyAuthOptions {
  /**
   * The capability the routes behind the middleware belong to; a key whose scopes do not include it is
   * refused with 403. Defaults to the dialect's capability (DIALECT_CAPABILITY).
   */
  capability?: EventSource;
}

export function accountsOf(c: Context): Promise<AccountsRepository> {
  const env = c.env as Partial<AuthBindings> | undefined;
  if (!env?.ACCOUNTS || !env.ENCRYPTION_KEYS) {
    throw new ConfigError("authentication needs the ACCOUNTS D1 binding and ENCRYPTION_KEYS");
  }
  return getAccounts(env as AuthBindings);
}

// Compared against when the public id is unknown, so that case costs the same hash and comparison.
const UNKNOWN_KEY_HASH = "0".repeat(64);

/** The usable key of `dialect` with this public id whose secret matches; null otherwise. */
export async function verifyKeySecret(
  accounts: AccountsRepository,
  dialect: Dialect,
  publicId: string,
  secret: string,
): Promise<AuthKey | null> {
  const key = await accounts.keys.findForAuth(dialect, publicId);
  const matches = await timingSafeEqual(await sha256Hex(secret), key?.secretHash ?? UNKNOWN_KEY_HASH);
  return key && matches ? key : null;
}

/** Runs `work` after the response when the runtime allows it (Workers), else lets it finish on its own. */
function afterResponse(c: Context<AppEnv>, work: Promise<unknown>): void {
  const settled = work.catch((error: unknown) =>
    c.var.log?.warn("could not record key use", { errorName: (error as Error)?.name ?? "unknown" }),
  );
  try {
    c.executionCtx.waitUntil(settled);
  } catch {
    // No ExecutionContext (app.request in tests): the promise still runs.
  }
}

/**
 * Lets an authenticated key in: refuses it with 403 when its scopes do not cover the route's capability,
 * else sets `c.var.principal` and records the key's use.
 */
export function admit(
  c: Context<AppEnv>,
  accounts: AccountsRepository,
  key: AuthKey,
  dialect: Dialect,
  options: KeyAuthOptions,
): Principal {
  const capability = options.capability ?? DIALECT_CAPABILITY[dialect];
  if (!key.scopes.includes(capability)) {
    throw new ApiError("forbidden", `this key is not allowed to use ${capability}`);
  }
  const principal: Principal = {
    partnerId: key.partnerId,
    keyId: key.id,
    mode: key.mode,
    dialect,
    scopes: [...key.scopes],
  };
  c.set("principal", principal);
  afterResponse(c, accounts.keys.markUsed(key));
  return principal;
}

/**
 * A middleware for a dialect whose credential is a public id and a secret. `extract` reads them from
 * the request (null when absent or malformed); `check` may refuse an otherwise valid key.
 */
export function keySecretAuth<E extends AppEnv = AppEnv>(
  dialect: Dialect,
  options: KeyAuthOptions & {
    extract: (c: Context<E>) => Promise<{ publicId: string; secret: string } | null>;
    check?: (c: Context<E>, key: AuthKey) => Promise<boolean>;
    challenge?: string;
  },
): MiddlewareHandler<E> {
  return async (c, next) => {
    const ctx = c as unknown as Context<AppEnv>;
    ctx.set("dialect", dialect);
    const presented = await options.extract(c);
    const accounts = await accountsOf(c);
    const key = presented
      ? await verifyKeySecret(accounts, dialect, presented.publicId, presented.secret)
      : null;
    if (!key || (options.check && !(await options.check(c, key)))) {
      return refuse(c, dialect, options.challenge);
    }
    admit(ctx, accounts, key, dialect, options);
    await next();
  };
}
