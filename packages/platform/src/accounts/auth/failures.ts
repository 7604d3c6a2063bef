import type { Context } from "hono";
import { ApiError } from "../../errors/api-error.ts";

/** One message for every failure: whether a key exists, is wrong, revoked or another's must not show. */
export const INVALID_CREDENTIALS = "missing or invalid credentials";

export function clientAddress(c: Context): string {
  return c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "unknown";
}

/**
 * Counts a failed authentication against the client's address in the AUTH_FAILURES rate limiter (when
 * the Worker binds one) and throws: 401, or 429 with Retry-After once the address is over the limit.
 */
export async function failAuthentication(c: Context, message = INVALID_CREDENTIALS): Promise<never> {
  const limiter = (c.env as { AUTH_FAILURES?: RateLimit } | undefined)?.AUTH_FAILURES;
  if (limiter) {
    const { success } = await limiter.limit({ key: `auth-failure:${clientAddress(c)}` });
    if (!success) {
      throw new ApiError("rate_limited", "too many failed authentication attempts; try again later", {
        headers: { "retry-after": "60" },
      });
    }
  }
  throw new ApiError("unauthorized", message, { headers: { "www-authenticate": "Bearer" } });
}

export function bearerToken(c: Context): string | null {
  const header = c.req.header("authorization");
  const match = header ? /^Bearer\s+([\x21-\x7e]{1,512})$/i.exec(header) : null;
  return match ? (match[1] as string) : null;
}

/** The JSON body as an object, read once (Hono caches it for the route's validator). */
export async function jsonBody(c: Context): Promise<Record<string, unknown> | null> {
  try {
    const body = await c.req.json();
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
