import type { Context, MiddlewareHandler } from "hono";
import type { PoaEnv } from "./app-env.ts";
import type { Reviewer } from "./domain/review-queue.ts";
import { reviewerForKey } from "./domain/reviewer-keys.ts";
import { IdenfyError, tokenNotValid } from "./idenfy-errors.ts";

// Credentials of the two non-partner callers: the end user (the token's authToken) and a reviewer (a
// reviewer key). Failed attempts count against the client address in AUTH_FAILURES, as partner keys do.

const BLOCK_SECONDS = 60;

function bearer(c: Context): string | null {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer ([A-Za-z0-9_]{1,200})$/.exec(header);
  return match?.[1] ?? null;
}

async function countFailure(c: Context<PoaEnv>): Promise<void> {
  const limiter = c.env.AUTH_FAILURES;
  if (!limiter) return;
  const address = c.req.header("cf-connecting-ip") ?? "unknown";
  const { success } = await limiter.limit({ key: `auth-failure:${address}` });
  if (!success) {
    throw new IdenfyError("TOO_MANY_REQUESTS", 429, "Too many failed attempts; try again later.", {
      "retry-after": String(BLOCK_SECONDS),
    });
  }
}

/** The end user's authToken (Authorization: Bearer <authToken>); validity is checked by the session. */
export function authTokenOf(c: Context<PoaEnv>): string {
  const token = bearer(c);
  if (!token || !/^[0-9A-Za-z]{40}$/.test(token))
    throw tokenNotValid("Send the authToken as Authorization: Bearer <authToken>.");
  return token;
}

/** Counts a failed authToken attempt before answering TOKEN_NOT_VALID. */
export const countTokenFailures: MiddlewareHandler<PoaEnv> = async (c, next) => {
  await next();
  if (c.error instanceof IdenfyError && c.error.identifier === "TOKEN_NOT_VALID") await countFailure(c);
};

/** Reviewer key (Authorization: Bearer rvk_…): sets c.var.reviewer, else 401 UNAUTHORIZED. */
export const reviewerAuth: MiddlewareHandler<PoaEnv> = async (c, next) => {
  const key = bearer(c);
  const reviewer = key ? await reviewerForKey(c.var.services, key) : null;
  if (!reviewer) {
    await countFailure(c);
    throw new IdenfyError("UNAUTHORIZED", 401, "missing or invalid reviewer key", {
      "www-authenticate": 'Bearer realm="review"',
    });
  }
  c.set("reviewer", reviewer);
  await next();
};

export function reviewerOf(c: Context<PoaEnv>): Reviewer {
  const reviewer = c.get("reviewer");
  if (!reviewer) throw new IdenfyError("UNAUTHORIZED", 401, "missing or invalid reviewer key");
  return reviewer;
}
