import { ApiError, randomSecret, sha256Hex, timingSafeEqual } from "@edgekyc/platform";
import { and, eq, isNull } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { reviewerKeys } from "../db/schema.ts";
import type { LivenessEnv } from "../liveness-env.ts";
import type { Services } from "../services.ts";

/** `rvk_<16 of 0-9a-z>_<43 base62>`: the public part finds the key, the secret is compared hashed. */
const KEY_PATTERN = /^rvk_([0-9a-z]{16})_([A-Za-z0-9]{43})$/;
const UNKNOWN_HASH = "0".repeat(64);

export interface Reviewer {
  partnerId: string;
  keyId: string;
}

function publicPart(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => "0123456789abcdefghijklmnopqrstuvwxyz"[b % 36]).join("");
}

/** Issues a reviewer key for one partner; the secret is shown once. */
export async function issueReviewerKey(services: Services, partnerId: string, label: string) {
  const id = `rvw_${publicPart()}`;
  const publicId = publicPart();
  const secret = randomSecret(32);
  const now = services.now();
  await services.db
    .insert(reviewerKeys)
    .values({ id, partnerId, publicId, secretHash: await sha256Hex(secret), label, createdAt: now });
  return { id, partnerId, label, key: `rvk_${publicId}_${secret}`, createdAt: new Date(now).toISOString() };
}

export async function revokeReviewerKey(services: Services, partnerId: string, id: string): Promise<boolean> {
  const revoked = await services.db
    .update(reviewerKeys)
    .set({ revokedAt: services.now() })
    .where(
      and(eq(reviewerKeys.id, id), eq(reviewerKeys.partnerId, partnerId), isNull(reviewerKeys.revokedAt)),
    )
    .returning({ id: reviewerKeys.id });
  return revoked.length > 0;
}

/**
 * Reviewer keys: `Authorization: Bearer rvk_…`. A reviewer key opens only the review routes of its own
 * partner; partner API keys and the admin token do not open them, and a reviewer key opens nothing else.
 * Every refusal is the same 401; failures count in AUTH_FAILURES like every other credential.
 */
export function reviewerAuth(): MiddlewareHandler<LivenessEnv> {
  return async (c, next) => {
    const match = KEY_PATTERN.exec((c.req.header("authorization") ?? "").replace(/^Bearer\s+/i, ""));
    const services = c.var.services;
    const [row] = match
      ? await services.db
          .select()
          .from(reviewerKeys)
          .where(eq(reviewerKeys.publicId, match[1] as string))
      : [];
    const matches = await timingSafeEqual(
      match ? await sha256Hex(match[2] as string) : "",
      row?.secretHash ?? UNKNOWN_HASH,
    );
    if (!row || !matches || row.revokedAt !== null) {
      await countFailure(c);
      throw new ApiError("unauthorized", "missing or invalid reviewer key", {
        headers: { "www-authenticate": 'Bearer realm="review"' },
      });
    }
    c.set("reviewer", { partnerId: row.partnerId, keyId: row.id });
    await next();
  };
}

async function countFailure(c: Context<LivenessEnv>): Promise<void> {
  const limiter = c.env.AUTH_FAILURES;
  const ip = c.req.header("cf-connecting-ip") ?? "unknown";
  if (!limiter) return;
  const { success } = await limiter.limit({ key: `review:${ip}` });
  if (!success)
    throw new ApiError("rate_limited", "too many failed attempts; try again later", {
      headers: { "retry-after": "60" },
    });
}

export function reviewerOf(c: Context<LivenessEnv>): Reviewer {
  const reviewer = c.var.reviewer;
  if (!reviewer) throw new ApiError("unauthorized", "missing or invalid reviewer key");
  return reviewer;
}
