import { ID_PREFIXES, newId } from "@edgekyc/platform";
import { and, desc, eq, isNull } from "drizzle-orm";
import { reviewers } from "../db/schema.ts";
import { notFound } from "../idenfy-errors.ts";
import type { PoaServices } from "../services.ts";
import type { Reviewer } from "./review-queue.ts";
import { newReviewerKey, REVIEWER_KEY_PREFIX, secretHash } from "./secrets.ts";

const view = (row: typeof reviewers.$inferSelect) => ({
  id: row.id,
  name: row.name,
  createdAt: new Date(row.createdAt).toISOString(),
  revokedAt: row.revokedAt === null ? null : new Date(row.revokedAt).toISOString(),
});

/** A reviewer key for the partner: shown once, stored as its SHA-256; it opens only the review API. */
export async function createReviewer(services: PoaServices, partnerId: string, name: string) {
  const apiKey = newReviewerKey();
  const row = {
    id: newId(ID_PREFIXES.reviewer),
    partnerId,
    name,
    keyHash: await secretHash(apiKey),
    createdAt: services.now(),
    revokedAt: null,
  };
  await services.db.insert(reviewers).values(row);
  return { ...view(row), apiKey };
}

export async function listReviewers(services: PoaServices, partnerId: string) {
  const rows = await services.db
    .select()
    .from(reviewers)
    .where(eq(reviewers.partnerId, partnerId))
    .orderBy(desc(reviewers.id));
  return rows.map(view);
}

export async function revokeReviewer(services: PoaServices, partnerId: string, id: string) {
  const [row] = await services.db
    .update(reviewers)
    .set({ revokedAt: services.now() })
    .where(and(eq(reviewers.id, id), eq(reviewers.partnerId, partnerId), isNull(reviewers.revokedAt)))
    .returning();
  if (row) return view(row);
  const [existing] = await services.db
    .select()
    .from(reviewers)
    .where(and(eq(reviewers.id, id), eq(reviewers.partnerId, partnerId)));
  if (!existing) throw notFound("Reviewer");
  return view(existing);
}

/** The reviewer a presented key belongs to, when it is well formed, not revoked and its partner active. */
export async function reviewerForKey(services: PoaServices, key: string): Promise<Reviewer | null> {
  if (!key.startsWith(REVIEWER_KEY_PREFIX) || !/^rvk_[0-9A-Za-z]{48}$/.test(key)) return null;
  const [row] = await services.db
    .select()
    .from(reviewers)
    .where(eq(reviewers.keyHash, await secretHash(key)));
  if (!row || row.revokedAt !== null) return null;
  if (!(await services.accounts.partners.getActive(row.partnerId))) return null;
  return { id: row.id, partnerId: row.partnerId };
}
