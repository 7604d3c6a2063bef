import { ID_PREFIXES, newId } from "@edgekyc/platform";
import { and, eq, isNull, ne } from "drizzle-orm";
import { reviewItems, verifications } from "../db/schema.ts";
import type { PoaServices } from "../services.ts";
import { sendCallback, stepsOf, verificationReport } from "./result-callback.ts";
import type { Verification } from "./verification-store.ts";

async function reload(services: PoaServices, scanRef: string): Promise<Verification> {
  const [row] = await services.db.select().from(verifications).where(eq(verifications.scanRef, scanRef));
  if (!row) throw new Error("verification vanished");
  return row;
}

/**
 * Puts the reviewable steps (COMPARE, EXTRACT) that have a file into the review queue; an item already
 * in the queue or decided is reset, since its file is new.
 */
export async function queueReviews(services: PoaServices, row: Verification, only?: string): Promise<number> {
  const now = services.now();
  let queued = 0;
  for (const [name, step] of Object.entries(stepsOf(row))) {
    if (step.type === "UPLOAD" || (only && name !== only)) continue;
    // One millisecond apart, so a verification's steps keep their order in the oldest-first queue.
    const queuedAt = now + queued;
    const item = {
      partnerId: row.partnerId,
      scanRef: row.scanRef,
      step: name,
      type: step.type,
      state: "PENDING" as const,
      queuedAt,
      claimedBy: null,
      claimExpiresAt: null,
      compareStatus: null,
      valuesCiphertext: null,
      decidedBy: null,
      decidedAt: null,
    };
    await services.db
      .insert(reviewItems)
      .values({ id: newId(ID_PREFIXES.reviewItem), createdAt: now, ...item })
      .onConflictDoUpdate({ target: [reviewItems.scanRef, reviewItems.step], set: item });
    queued += 1;
  }
  return queued;
}

/**
 * Once no review is open, sets the overall status (SUSPECTED when a step is INVALID, else APPROVED) and
 * finalAt, then queues the final callback. Safe to repeat: the status changes once, and the callback's
 * event id is the same each time, so the gateway delivers it once.
 */
export async function finalizeIfComplete(
  services: PoaServices,
  scanRef: string,
  origin: string,
): Promise<Verification> {
  let row = await reload(services, scanRef);
  if (row.finishedAt === null || row.erasedAt !== null) return row;
  const [open] = await services.db
    .select({ id: reviewItems.id })
    .from(reviewItems)
    .where(and(eq(reviewItems.scanRef, scanRef), ne(reviewItems.state, "DONE")))
    .limit(1);
  if (open) return row;
  if (row.finalAt === null) {
    const report = await verificationReport(services, row, origin);
    await services.db
      .update(verifications)
      .set({ finalAt: services.now(), status: report.aggregate === "INVALID" ? "SUSPECTED" : "APPROVED" })
      .where(and(eq(verifications.scanRef, scanRef), isNull(verifications.finalAt)));
    row = await reload(services, scanRef);
  }
  await sendCallback(services, row, origin);
  return row;
}
