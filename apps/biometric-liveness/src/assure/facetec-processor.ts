import { toBase64 } from "@edgekyc/platform";
import type { FaceTecScan } from "@edgekyc/provider-clients";
import { and, eq } from "drizzle-orm";
import { processes } from "../db/schema.ts";
import type { FaceBox, FaceComparison } from "../face/face-engine.ts";
import { partnerFaceEngine } from "../face/partner-engine.ts";
import { loadImage, storeImage } from "../images/image-store.ts";
import { cropPortrait } from "../images/portrait-crop.ts";
import { assureReceiptRequest } from "../receipts/receipt-claims.ts";
import type { Services } from "../services.ts";
import { decide, type FacetecResult, type MatchAlgorithm, type MatchAttempt, toAttempt } from "./decide.ts";
import { FACETEC_SESSION_MS } from "./enrollment.ts";
import type { ProcessRow } from "./records.ts";

/** The event type of a finished process, and its payload (no personal data). */
const PROCESS_COMPLETED = "biometric.process.completed";

/** Which live image is compared with which reference, per algorithm (tried in this order). */
const PAIRS: [MatchAlgorithm, probe: string, reference: string][] = [
  ["facePortrait", "auditTrail", "selfie"],
  ["idPhoto", "auditTrail", "front"],
  ["idPhotoLowQuality", "lowQualityAuditTrail", "front"],
];

async function runChecks(
  services: Services,
  row: ProcessRow,
): Promise<Omit<FacetecResult, "status"> & { status: FacetecResult["status"] }> {
  const settings = await services.accounts.settings.get(row.partnerId, "biometric-liveness");
  const load = async (name: string) => (await loadImage(services, row.id, name))?.bytes ?? null;
  const auditTrail = await load("auditTrail");
  const engine = partnerFaceEngine(services.faceEngine, services.config, {
    mode: row.mode,
    settings,
    referenceId: `assure-${row.id}`,
    ...(settings.faceEngine === "facetec" ? { scan: await faceTecScan(services, row.id, auditTrail) } : {}),
  });
  const liveness = auditTrail ? await engine.liveness([auditTrail]) : { faceFound: false, confidence: 0 };
  const checks = {
    auditTrailVerificationCheckSucceeded: liveness.faceFound,
    replayCheckSucceeded: !row.replayDetected,
    faceScanLivenessCheckSucceeded:
      liveness.faceFound && liveness.confidence >= settings.liveness.minConfidence,
    sessionTokenCheckSucceeded:
      row.enrolledAt !== null && row.enrolledAt - row.createdAt <= FACETEC_SESSION_MS,
  };
  const attempts: MatchAttempt[] = [];
  const boxes: { front?: FaceBox | null } = {};
  for (const [algorithm, probeName, referenceName] of PAIRS) {
    const probe = await load(probeName);
    const reference = await load(referenceName);
    if (!probe || !reference) continue;
    const comparison: FaceComparison = await engine.compare(probe, reference);
    if (referenceName === "front" && comparison.referenceBox) boxes.front = comparison.referenceBox;
    const attempt = toAttempt(algorithm, comparison, settings.facetec);
    attempts.push(attempt);
    if (attempt.success) break;
  }
  await extractPortrait(services, row, boxes.front ?? null);
  return decide(checks, attempts, settings.facetec);
}

/** The stored FaceTec enrollment as FaceTec Server reads it (base64 fields, the device's user agent). */
async function faceTecScan(
  services: Services,
  processId: string,
  auditTrail: Uint8Array | null,
): Promise<FaceTecScan> {
  const load = async (name: string) => (await loadImage(services, processId, name))?.bytes ?? null;
  const [faceScan, lowQuality, userAgent] = await Promise.all([
    load("faceScan"),
    load("lowQualityAuditTrail"),
    load("userAgent"),
  ]);
  return {
    faceScan: faceScan ? toBase64(faceScan) : "",
    auditTrailImage: auditTrail ? toBase64(auditTrail) : "",
    lowQualityAuditTrailImage: lowQuality ? toBase64(lowQuality) : "",
    ...(userAgent ? { userAgent: new TextDecoder().decode(userAgent) } : {}),
  };
}

/**
 * The read-only `portrait` image: the face of the front image, cut out where the engine found it (from
 * the idPhoto attempt, or a detection of its own when matching stopped before). Best effort: a front image
 * the crop cannot read simply has no portrait.
 */
async function extractPortrait(services: Services, row: ProcessRow, known: FaceBox | null): Promise<void> {
  const front = await loadImage(services, row.id, "front");
  if (!front) return;
  const box = known ?? (await services.faceEngine.liveness([front.bytes])).box ?? null;
  const portrait = box ? cropPortrait(front.bytes, front.contentType, box) : null;
  if (!portrait) return;
  await storeImage(services, {
    partnerId: row.partnerId,
    folderId: row.dossierId,
    ownerId: row.id,
    name: "portrait",
    bytes: portrait,
    contentType: "image/jpeg",
  });
}

/** What a process that could not be analysed (engine down past every retry) ends with. */
function failedAnalysis(): FacetecResult {
  return {
    status: "rejected",
    providerSpecific: {
      liveness: {
        faceScanSecurityChecks: {
          auditTrailVerificationCheckSucceeded: false,
          replayCheckSucceeded: false,
          faceScanLivenessCheckSucceeded: false,
          sessionTokenCheckSucceeded: false,
        },
        error: true,
        success: false,
      },
      matching: { attempts: [], error: true, success: false },
    },
    finalResult: { livenessDetected: "false", similarityScore: "low" },
  };
}

/**
 * Runs a process that is `processing`: liveness of the audit trail image, then the matching attempts,
 * then the status by the seed's rule; stores the result and publishes the completion event. A process in
 * any other state is left alone, so a repeated alarm does nothing. Engine failures throw (the Durable
 * Object retries) until the final attempt, which records a rejected process with `error: true`.
 */
export async function processFacetec(
  services: Services,
  processId: string,
  options: { finalAttempt: boolean },
): Promise<void> {
  const [row] = await services.db.select().from(processes).where(eq(processes.id, processId));
  if (row?.status !== "processing") return;
  let result: FacetecResult;
  try {
    result = await runChecks(services, row);
  } catch (error) {
    if (!options.finalAttempt) throw error;
    services.log.error("process could not be analysed", { errorName: (error as Error)?.name ?? "unknown" });
    result = failedAnalysis();
  }
  const { status, ...stored } = result;
  const now = services.now();
  // Published before the status changes: a failure in between repeats the event (same eventId, which the
  // gateway delivers once) instead of losing it.
  await services.publish({
    specVersion: "1",
    eventId: `process-${processId}-completed`,
    partnerId: row.partnerId,
    mode: row.mode,
    capability: "biometric-liveness",
    type: PROCESS_COMPLETED,
    occurredAt: new Date(now).toISOString(),
    payload: {
      eventType: "processCompleted",
      dossierId: row.dossierId,
      processId,
      provider: row.provider,
      status,
      finalResult: stored.finalResult,
      eventTime: new Date(now).toISOString(),
    },
  });
  // Its receipt goes out the same way (repeated with the event; issued once per process).
  await services.receipt(() => assureReceiptRequest(row, result, now));
  await services.db
    .update(processes)
    .set({ status, resultJson: JSON.stringify(stored), updatedAt: now })
    .where(and(eq(processes.id, processId), eq(processes.status, "processing")));
  services.log.info("process completed", { processId, outcome: status });
}
