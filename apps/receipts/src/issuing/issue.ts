import { isUniqueViolation, newId, objectKey, putEncrypted } from "@edgekyc/platform";
import { issueReceipt, sha256HexOf } from "@edgekyc/receipts";
import type { ReceiptIssueRequest } from "@edgekyc/schemas";
import { and, eq } from "drizzle-orm";
import { receipts, revokedSubjects } from "../db/schema.ts";
import type { ReceiptsServices } from "../services.ts";
import { receiptIssuedEvent } from "./receipt-event.ts";
import { revokeRows } from "./revoke.ts";
import { randomStatusSlot } from "./status-slots.ts";
import { receiptsOfSubject } from "./subject.ts";

export const RECEIPT_ID_PREFIX = "rcp";
const RECEIPT_OBJECT_NAME = "receipt.sd-jwt";
const SLOT_ATTEMPTS = 8;

export type IssueOutcome = "issued" | "announced" | "duplicate" | "revoked";

async function isRevoked(services: ReceiptsServices, request: ReceiptIssueRequest): Promise<boolean> {
  const [row] = await services.db
    .select({ reason: revokedSubjects.reason })
    .from(revokedSubjects)
    .where(
      and(
        eq(revokedSubjects.partnerId, request.partnerId),
        eq(revokedSubjects.capability, request.capability),
        eq(revokedSubjects.subjectRef, request.subjectRef),
      ),
    );
  return row !== undefined;
}

/**
 * Handles one issue request, idempotently per (partner, capability, subjectRef): the first delivery
 * signs and stores the receipt and announces it; a redelivery only finishes what a crashed one left
 * (the announcement) and issues nothing new. The encrypted copy is written before the row, so a row
 * never points at a missing receipt.
 */
export async function handleIssueRequest(
  request: ReceiptIssueRequest,
  services: ReceiptsServices,
): Promise<IssueOutcome> {
  if (await isRevoked(services, request)) return "revoked";
  let [row] = await services.db.select().from(receipts).where(receiptsOfSubject(request));
  if (row?.announcedAt) return "duplicate";
  let outcome: IssueOutcome = "announced";
  if (!row) {
    row = await createReceipt(request, services);
    outcome = "issued";
    // A revoke processed between the check above and the insert found no row to flip: flip it now.
    if (await isRevoked(services, request)) {
      await revokeRows(services, [row], "erased");
      return "revoked";
    }
  }
  await services.results.send(receiptIssuedEvent(row, request, services));
  await services.db.update(receipts).set({ announcedAt: services.now() }).where(eq(receipts.id, row.id));
  return outcome;
}

async function createReceipt(request: ReceiptIssueRequest, services: ReceiptsServices) {
  const issuedAt = services.now();
  const vct = services.urls.vct(request.capability);
  for (let attempt = 1; ; attempt++) {
    const id = newId(RECEIPT_ID_PREFIX);
    const slot = randomStatusSlot();
    const sdJwt = await issueReceipt(services.keys.signing, {
      id,
      issuer: services.urls.issuer,
      vct,
      capability: request.capability,
      method: request.method,
      outcome: request.outcome,
      verifiedAt: request.verifiedAt,
      assurance: request.assurance,
      ...(request.partnerReference ? { partnerReference: request.partnerReference } : {}),
      claims: request.claims,
      disclosable: request.disclosable,
      ...(request.holderKey ? { holderKey: request.holderKey } : {}),
      status: { idx: slot.idx, uri: services.urls.statusList(slot.list) },
      issuedAt: Math.floor(issuedAt / 1000),
      decoys: 2,
    });
    const storedKey = objectKey(request.partnerId, "receipts", id, RECEIPT_OBJECT_NAME);
    await putEncrypted(services.uploads, services.cipher, storedKey, new TextEncoder().encode(sdJwt), {
      contentType: "application/dc+sd-jwt",
    });
    const values = {
      id,
      partnerId: request.partnerId,
      mode: request.mode,
      capability: request.capability,
      subjectRef: request.subjectRef,
      vct,
      outcome: request.outcome,
      sha256: await sha256HexOf(sdJwt),
      statusList: slot.list,
      statusIdx: slot.idx,
      status: "valid" as const,
      storedKey,
      issuedAt,
      availableUntil: issuedAt + services.config.RECEIPT_RETENTION_DAYS * 86_400_000,
    };
    try {
      const [inserted] = await services.db.insert(receipts).values(values).returning();
      if (inserted) return inserted;
      throw new Error("the receipt row was not written");
    } catch (error) {
      await services.uploads.delete(storedKey);
      if (!isUniqueViolation(error)) throw error;
      // Another delivery of the same request won the race: its receipt is the one.
      const [winner] = await services.db.select().from(receipts).where(receiptsOfSubject(request));
      if (winner) return winner;
      // Else the random status entry was taken: draw again.
      if (attempt >= SLOT_ATTEMPTS) throw new Error("no free status list entry after several draws");
    }
  }
}
