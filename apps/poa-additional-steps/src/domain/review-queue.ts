import { and, asc, eq, lt, or, sql } from "drizzle-orm";
import { COMPARE_STATUSES, type CompareStatus, reviewItems, verifications } from "../db/schema.ts";
import { badValue, IdenfyError, notFound } from "../idenfy-errors.ts";
import type { PoaServices } from "../services.ts";
import { finalizeIfComplete } from "./finalization.ts";
import { stepsOf } from "./result-callback.ts";
import { stepText } from "./step-resolution.ts";
import { fileOf, readPrivate } from "./verification-store.ts";

// The review queue lives in D1: every claim is one conditional UPDATE on the single primary database, so
// two reviewers racing for the same item cannot both win (SQLite serialises writes; the WHERE clause
// re-checks the state inside the write). A claim is a lease: an abandoned item returns to the queue.

export type ReviewItem = typeof reviewItems.$inferSelect;
export interface Reviewer {
  id: string;
  partnerId: string;
}

const claimable = (now: number) =>
  or(
    eq(reviewItems.state, "PENDING"),
    and(eq(reviewItems.state, "CLAIMED"), lt(reviewItems.claimExpiresAt, now)),
  );

function summary(item: ReviewItem, now: number) {
  const claimed = item.state === "CLAIMED" && (item.claimExpiresAt ?? 0) >= now;
  return {
    id: item.id,
    scanRef: item.scanRef,
    step: item.step,
    type: item.type,
    state: (item.state === "DONE" ? "DONE" : claimed ? "CLAIMED" : "PENDING") as
      | "DONE"
      | "CLAIMED"
      | "PENDING",
    claimedBy: claimed ? item.claimedBy : null,
    claimExpiresAt: claimed && item.claimExpiresAt ? new Date(item.claimExpiresAt).toISOString() : null,
    queuedAt: new Date(item.queuedAt ?? item.createdAt).toISOString(),
  };
}

/** The partner's open items, oldest first (items claimed by someone else are listed as CLAIMED). */
export async function listQueue(services: PoaServices, reviewer: Reviewer, limit: number) {
  const now = services.now();
  const rows = await services.db
    .select()
    .from(reviewItems)
    .where(
      and(eq(reviewItems.partnerId, reviewer.partnerId), sql`${reviewItems.state} in ('PENDING', 'CLAIMED')`),
    )
    .orderBy(asc(reviewItems.queuedAt), asc(reviewItems.id))
    .limit(limit);
  return rows.map((row) => summary(row, now));
}

/** Claims the oldest claimable item for this reviewer; null when the queue is empty. */
export async function claimNext(services: PoaServices, reviewer: Reviewer) {
  const now = services.now();
  const lease = now + services.config.REVIEW_CLAIM_SECONDS * 1000;
  const oldest = services.db
    .select({ id: reviewItems.id })
    .from(reviewItems)
    .where(and(eq(reviewItems.partnerId, reviewer.partnerId), claimable(now)))
    .orderBy(asc(reviewItems.queuedAt), asc(reviewItems.id))
    .limit(1);
  const [row] = await services.db
    .update(reviewItems)
    .set({ state: "CLAIMED", claimedBy: reviewer.id, claimExpiresAt: lease })
    .where(and(sql`${reviewItems.id} = (${oldest})`, claimable(now)))
    .returning();
  return row ? summary(row, now) : null;
}

async function ownItem(services: PoaServices, reviewer: Reviewer, id: string): Promise<ReviewItem> {
  const [row] = await services.db
    .select()
    .from(reviewItems)
    .where(and(eq(reviewItems.id, id), eq(reviewItems.partnerId, reviewer.partnerId)));
  if (!row) throw notFound("Review item");
  return row;
}

const claimedByOther = () => new IdenfyError("BAD_VALUE", 409, "This item is claimed by another reviewer.");

/** Claims one item (or renews this reviewer's own claim); 409 while another reviewer holds it. */
export async function claimItem(services: PoaServices, reviewer: Reviewer, id: string) {
  const now = services.now();
  const lease = now + services.config.REVIEW_CLAIM_SECONDS * 1000;
  const [row] = await services.db
    .update(reviewItems)
    .set({ state: "CLAIMED", claimedBy: reviewer.id, claimExpiresAt: lease })
    .where(
      and(
        eq(reviewItems.id, id),
        eq(reviewItems.partnerId, reviewer.partnerId),
        or(claimable(now), and(eq(reviewItems.state, "CLAIMED"), eq(reviewItems.claimedBy, reviewer.id))),
      ),
    )
    .returning();
  if (row) return summary(row, now);
  const existing = await ownItem(services, reviewer, id);
  if (existing.state === "DONE") throw badValue("This item has already been decided.", 409);
  throw claimedByOther();
}

export async function releaseItem(services: PoaServices, reviewer: Reviewer, id: string) {
  const [row] = await services.db
    .update(reviewItems)
    .set({ state: "PENDING", claimedBy: null, claimExpiresAt: null })
    .where(
      and(
        eq(reviewItems.id, id),
        eq(reviewItems.partnerId, reviewer.partnerId),
        eq(reviewItems.state, "CLAIMED"),
        eq(reviewItems.claimedBy, reviewer.id),
      ),
    )
    .returning();
  if (row) return summary(row, services.now());
  const existing = await ownItem(services, reviewer, id);
  if (existing.state === "PENDING") return summary(existing, services.now());
  if (existing.state === "DONE") throw badValue("This item has already been decided.", 409);
  throw claimedByOther();
}

/** An item this reviewer holds, or 409: a document is shown only to the reviewer who claimed it. */
export async function heldItem(services: PoaServices, reviewer: Reviewer, id: string): Promise<ReviewItem> {
  const item = await ownItem(services, reviewer, id);
  const now = services.now();
  if (item.state !== "CLAIMED" || item.claimedBy !== reviewer.id || (item.claimExpiresAt ?? 0) < now) {
    throw badValue("Claim this item before opening it.", 409);
  }
  return item;
}

/** What a reviewer needs to decide: the step's instructions, fields, the partner's data and the file. */
export async function itemDetail(services: PoaServices, reviewer: Reviewer, id: string) {
  const item = await heldItem(services, reviewer, id);
  const [row] = await services.db.select().from(verifications).where(eq(verifications.scanRef, item.scanRef));
  if (!row || row.erasedAt !== null) throw notFound("Verification");
  const step = stepsOf(row)[item.step];
  const file = await fileOf(services, item.scanRef, item.step);
  const priv = await readPrivate(services, row);
  return {
    ...summary(item, services.now()),
    clientId: row.clientId,
    instructions: step ? stepText(step, "en") : null,
    fields: step?.fields ?? [],
    additionalData: priv?.additionalData?.[item.step] ?? {},
    document: file
      ? {
          contentType: file.contentType,
          size: file.size,
          documentType: file.documentType,
          source: file.source,
        }
      : null,
  };
}

export type Decision = { status: CompareStatus } | { values: Record<string, string | null> };

/**
 * Records the decision of the reviewer holding the item, then finalises the verification when it was the
 * last open item. Repeating the same decision is harmless; a different one for a decided item is 409.
 */
export async function decideItem(
  services: PoaServices,
  reviewer: Reviewer,
  id: string,
  decision: Decision,
  origin: string,
) {
  const item = await ownItem(services, reviewer, id);
  if (item.state === "DONE") {
    if (item.decidedBy === reviewer.id && "status" in decision && item.compareStatus === decision.status) {
      await finalizeIfComplete(services, item.scanRef, origin);
      return summary(item, services.now());
    }
    throw badValue("This item has already been decided.", 409);
  }
  const detail = await itemDetail(services, reviewer, id);
  const update: Partial<ReviewItem> = { state: "DONE", decidedBy: reviewer.id, decidedAt: services.now() };
  if (item.type === "COMPARE") {
    if (!("status" in decision) || !COMPARE_STATUSES.includes(decision.status)) {
      throw badValue(`status: a COMPARE step is decided with one of ${COMPARE_STATUSES.join(", ")}.`);
    }
    const hasData = Object.values(detail.additionalData).some((v) => v !== "");
    if (decision.status === "NO_DATA" && hasData)
      throw badValue("status: NO_DATA is for a step without additionalData; this one has data.");
    if (decision.status !== "NO_DATA" && !hasData)
      throw badValue("status: there is no additionalData to compare with; use NO_DATA.");
    update.compareStatus = decision.status;
  } else {
    if (!("values" in decision))
      throw badValue("values: an EXTRACT step is decided with the typed values of its fields.");
    const expected = new Set(detail.fields);
    const given = Object.keys(decision.values);
    const unknown = given.filter((f) => !expected.has(f));
    const missing = [...expected].filter((f) => !(f in decision.values));
    if (unknown.length > 0)
      throw badValue(`values: unknown fields ${unknown.join(", ")} (fields: ${detail.fields.join(", ")}).`);
    if (missing.length > 0)
      throw new IdenfyError("MISSING_VALUE", 400, `Missing mandatory parameter: values.${missing[0]}.`);
    update.valuesCiphertext = await services.cipher.encryptJson(decision.values, `poa:review:${item.id}`);
  }
  const [done] = await services.db
    .update(reviewItems)
    .set(update)
    .where(
      and(eq(reviewItems.id, id), eq(reviewItems.state, "CLAIMED"), eq(reviewItems.claimedBy, reviewer.id)),
    )
    .returning();
  if (!done) throw claimedByOther();
  await finalizeIfComplete(services, item.scanRef, origin);
  return summary(done, services.now());
}
