import { type ReceiptIssueRequest, ResultEventEnvelope, type ResultEventInput } from "@edgekyc/schemas";
import type { receipts } from "../db/schema.ts";
import type { ReceiptsServices } from "../services.ts";

type ReceiptRow = typeof receipts.$inferSelect;

/**
 * The `receipt.issued` event (EdgeKYC dialect) the webhook gateway delivers: where and until when to
 * fetch the receipt, and its SHA-256 to check it against. Never the receipt itself: the platform keeps
 * only its hash, and the receipt carries personal data.
 */
export function receiptIssuedEvent(
  row: ReceiptRow,
  request: ReceiptIssueRequest,
  services: Pick<ReceiptsServices, "urls">,
): ResultEventInput {
  const eventId = `receipt.issued.${row.id}`;
  const event = {
    specVersion: "1",
    eventId,
    partnerId: row.partnerId,
    mode: row.mode,
    capability: request.capability,
    type: "receipt.issued",
    occurredAt: new Date(row.issuedAt).toISOString(),
    ...(request.webhookUrl ? { webhookUrl: request.webhookUrl } : {}),
    payload: {
      type: "receipt.issued",
      eventId,
      receiptId: row.id,
      capability: row.capability,
      subjectRef: row.subjectRef,
      ...(request.partnerReference ? { partnerReference: request.partnerReference } : {}),
      outcome: row.outcome,
      vct: row.vct,
      sha256: row.sha256,
      issuedAt: new Date(row.issuedAt).toISOString(),
      fetchUrl: services.urls.receipt(row.id),
      availableUntil: new Date(row.availableUntil).toISOString(),
    },
  } satisfies ResultEventInput;
  // Validated before it is queued: the gateway would dead-letter a malformed envelope anyway.
  ResultEventEnvelope.parse(event);
  return event;
}

/** `receipt.revoked`: a verification was erased or withdrawn, and its receipt's status bit flipped. */
export function receiptRevokedEvent(row: ReceiptRow, reason: string, revokedAt: number): ResultEventInput {
  const eventId = `receipt.revoked.${row.id}`;
  const event = {
    specVersion: "1",
    eventId,
    partnerId: row.partnerId,
    mode: row.mode,
    capability: row.capability as ResultEventInput["capability"],
    type: "receipt.revoked",
    occurredAt: new Date(revokedAt).toISOString(),
    payload: {
      type: "receipt.revoked",
      eventId,
      receiptId: row.id,
      capability: row.capability,
      subjectRef: row.subjectRef,
      reason,
      revokedAt: new Date(revokedAt).toISOString(),
    },
  } satisfies ResultEventInput;
  ResultEventEnvelope.parse(event);
  return event;
}
