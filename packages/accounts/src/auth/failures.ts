import { ApiError } from "@edgekyc/platform";
import type { Dialect } from "@edgekyc/schemas";
import type { Context } from "hono";

/** The one message of every refusal: whether a key exists, is wrong, revoked or another's must not show. */
const INVALID_CREDENTIALS = "missing or invalid credentials";
/** Smile ID clients know this text for their code 2205. */
const SMILE_ID_UNAUTHORIZED = "You are not authorized to do that.";

/** Seconds a client waits after too many failures (also the period the apps configure AUTH_FAILURES with). */
export const AUTH_FAILURE_BLOCK_SECONDS = 60;

const MAX_BLOCKED = 10_000;
/**
 * Addresses over the limit, per isolate. Their failed attempts answer 429 without further detail; a
 * valid credential from such an address is still let in (see `refuse`).
 */
const blockedUntil = new Map<string, number>();

function clientAddress(c: Context): string {
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

function limiterOf(c: Context): RateLimit | undefined {
  return (c.env as { AUTH_FAILURES?: RateLimit } | undefined)?.AUTH_FAILURES;
}

function tooManyFailures(): ApiError {
  return new ApiError("rate_limited", "too many failed authentication attempts; try again later", {
    headers: { "retry-after": String(AUTH_FAILURE_BLOCK_SECONDS) },
  });
}

/** True while this isolate knows the client to be over the failure limit. */
export function isBlocked(c: Context, now = Date.now()): boolean {
  const address = clientAddress(c);
  const until = blockedUntil.get(address);
  if (until === undefined) return false;
  if (until > now) return true;
  blockedUntil.delete(address);
  return false;
}

/**
 * Counts a failed authentication against the client's address in the AUTH_FAILURES rate limiter (when
 * the Worker binds one); true once the address is over the limit.
 */
export async function countFailure(c: Context): Promise<boolean> {
  const limiter = limiterOf(c);
  if (!limiter) return false;
  const address = clientAddress(c);
  const { success } = await limiter.limit({ key: `auth-failure:${address}` });
  if (success) return false;
  if (blockedUntil.size >= MAX_BLOCKED) blockedUntil.clear();
  blockedUntil.set(address, Date.now() + AUTH_FAILURE_BLOCK_SECONDS * 1000);
  return true;
}

/**
 * Refuses the request: 401 in the route's dialect (the same body for every cause), or 429 with
 * Retry-After once the client's address is over the failure limit.
 *
 * Only failures are limited: a valid credential is checked and let in even from an address over the
 * limit. Many partners' servers share addresses (NAT, cloud egress), so blocking everything would let
 * one misconfigured client (or an attacker on the same egress) lock a partner out for the block period.
 * Guessing gains nothing from it: keys, secrets and tokens carry at least 128 random bits, and every
 * wrong guess from a blocked address still counts and answers 429.
 */
export async function refuse(c: Context, dialect: Dialect, challenge?: string): Promise<never> {
  const alreadyBlocked = isBlocked(c);
  if ((await countFailure(c)) || alreadyBlocked) throw tooManyFailures();
  throw new ApiError("unauthorized", dialect === "smileid" ? SMILE_ID_UNAUTHORIZED : INVALID_CREDENTIALS, {
    ...(challenge ? { headers: { "www-authenticate": challenge } } : {}),
  });
}
