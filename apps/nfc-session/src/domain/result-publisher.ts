// Hands a session's webhook to webhook-gateway: a ResultEventEnvelope on the RESULTS queue, with the
// session's own webhook URL when session_init gave one. Payloads above the queue's inline limit (scans
// and vectors can be large) are stored encrypted in R2 and sent by reference.
import {
  Cipher,
  createLogger,
  objectKey,
  putEncrypted,
  receiptOrNull,
  sha256Hex,
  utf8,
} from "@edgekyc/platform";
import { payloadJsonBytes, RESULT_EVENT_MAX_INLINE_BYTES, type ResultEventInput } from "@edgekyc/schemas";
import { OUTCOMES, type OutcomeKey } from "./outcomes.ts";
import { nfcReceiptRequest } from "./receipt-claims.ts";
import { failurePayload } from "./result-payload.ts";
import type { SessionRecord, SessionResult } from "./session-record.ts";

const RESULT_EVENT_TYPE = "nfc.session.result";
export const CAPABILITY = "nfc-session";

export interface PublishBindings {
  RESULTS: Queue;
  /** Receipt requests for packages/receipts: one per final result, next to the result event. */
  RECEIPTS: Queue;
  UPLOADS: R2Bucket;
  ENCRYPTION_KEYS: string;
}

/** The isolate's cipher for ENCRYPTION_KEYS (keys imported once). */
export function nfcCipher(spec: string): Promise<Cipher> {
  return Cipher.forKeyRing(spec);
}

export function resultKey(session: Pick<SessionRecord, "id" | "partnerId">): string {
  return objectKey(session.partnerId, CAPABILITY, session.id, "result.json");
}

/** The prefix of everything a session stored in R2 (erasure). */
export function sessionPrefix(session: Pick<SessionRecord, "id" | "partnerId">): string {
  return `partners/${session.partnerId}/${CAPABILITY}/${session.id}/`;
}

/** One result per session: the event id is derived from the session id, so a retried publish is deduplicated. */
function resultEventId(sessionId: string): string {
  return `${sessionId}.result`;
}

export async function publishPayload(
  env: PublishBindings,
  session: Pick<SessionRecord, "id" | "partnerId" | "mode" | "webhookUrl" | "ref" | "holderKey">,
  payload: Record<string, unknown>,
  now: number,
): Promise<string> {
  const eventId = resultEventId(session.id);
  const envelope: ResultEventInput = {
    specVersion: "1",
    eventId,
    partnerId: session.partnerId,
    mode: session.mode,
    capability: CAPABILITY,
    type: RESULT_EVENT_TYPE,
    occurredAt: new Date(now).toISOString(),
    ...(session.webhookUrl ? { webhookUrl: session.webhookUrl } : {}),
  };
  const cipher = await nfcCipher(env.ENCRYPTION_KEYS);
  const json = utf8(JSON.stringify(payload));
  // Kept for session_status (partners who poll), until the session is erased.
  await putEncrypted(env.UPLOADS, cipher, resultKey(session), json, { contentType: "application/json" });
  if (payloadJsonBytes(payload) <= RESULT_EVENT_MAX_INLINE_BYTES) {
    envelope.payload = payload as ResultEventInput["payload"];
  } else {
    // A copy of its own: webhook-gateway erases it after delivery retention.
    const r2Key = objectKey(session.partnerId, CAPABILITY, session.id, "webhook-payload.json");
    await putEncrypted(env.UPLOADS, cipher, r2Key, json, { contentType: "application/json" });
    envelope.payloadRef = { r2Key, sha256: await sha256Hex(json) };
  }
  const receipt = receiptOrNull(
    () => nfcReceiptRequest(session, payload, now),
    createLogger({ app: "nfc-session" }),
  );
  await env.RESULTS.send(envelope, { contentType: "json" });
  // Same retry story as the result event: a repeated publish sends it again and the receipts Worker
  // issues once per (partner, capability, session).
  if (receipt) await env.RECEIPTS.send(receipt, { contentType: "json" });
  return eventId;
}

/** Publishes a session's failure webhook (with whatever checks it has) and returns what to record. */
export async function publishFailure(
  env: PublishBindings,
  record: SessionRecord,
  outcome: OutcomeKey,
  now: number,
  extra: { data?: Record<string, unknown>; checks?: import("./result-payload.ts").ResultChecks } = {},
): Promise<SessionResult> {
  const payload = failurePayload(outcome, {
    ref: record.ref,
    ...extra,
    ...(record.chip && !extra.checks ? { checks: record.chip.checks } : {}),
  });
  const eventId = await publishPayload(env, record, payload, now);
  return {
    result: "Err",
    code: OUTCOMES[outcome].code,
    message: OUTCOMES[outcome].message,
    eventId,
    sentAt: now,
  };
}
