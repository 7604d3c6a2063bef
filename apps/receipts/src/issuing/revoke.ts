import type { ReceiptRevokeRequest } from "@edgekyc/schemas";
import { and, eq, inArray } from "drizzle-orm";
import { type RevocationReason, receipts, revokedSubjects } from "../db/schema.ts";
import type { ReceiptsServices } from "../services.ts";
import { receiptRevokedEvent } from "./receipt-event.ts";
import { receiptsOfSubject } from "./subject.ts";

type ReceiptRow = typeof receipts.$inferSelect;

/**
 * Flips the status of these receipts to revoked (their status list bit) and, when the verification was
 * erased, deletes any copy still waiting for its fetch. Already revoked receipts are left as they are.
 */
export async function revokeRows(
  services: Pick<ReceiptsServices, "db" | "uploads" | "now">,
  rows: ReceiptRow[],
  reason: RevocationReason,
): Promise<ReceiptRow[]> {
  const valid = rows.filter((row) => row.status === "valid");
  if (valid.length === 0) return [];
  const now = services.now();
  const erase = reason !== "partner";
  const updated = await services.db
    .update(receipts)
    .set({
      status: "revoked",
      revocationReason: reason,
      revokedAt: now,
      ...(erase ? { storedKey: null } : {}),
    })
    .where(
      and(
        inArray(
          receipts.id,
          valid.map((row) => row.id),
        ),
        eq(receipts.status, "valid"),
      ),
    )
    .returning();
  if (erase) {
    const keys = valid.map((row) => row.storedKey).filter((key): key is string => key !== null);
    if (keys.length > 0) await services.uploads.delete(keys);
  }
  return updated;
}

/**
 * A capability erased or withdrew a verification: remember it (so a late issue request issues nothing),
 * revoke every receipt of it, and tell the partner.
 */
export async function handleRevokeRequest(
  request: ReceiptRevokeRequest,
  services: ReceiptsServices,
): Promise<number> {
  await services.db
    .insert(revokedSubjects)
    .values({
      partnerId: request.partnerId,
      capability: request.capability,
      subjectRef: request.subjectRef,
      reason: request.reason,
      revokedAt: services.now(),
    })
    .onConflictDoNothing();
  const rows = await services.db.select().from(receipts).where(receiptsOfSubject(request));
  const revoked = await revokeRows(services, rows, request.reason);
  for (const row of revoked) {
    await services.results.send(receiptRevokedEvent(row, request.reason, row.revokedAt ?? services.now()));
  }
  return revoked.length;
}
