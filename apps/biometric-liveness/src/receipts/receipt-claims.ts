// What the verification receipt of a finished Assure process or Smile ID job says
// (docs/receipts/claims.md, biometric-liveness): built from the very result the partner gets, so a receipt
// never claims more than the result. Match and liveness outcomes are always disclosed (nothing personal);
// the ids that point at a person are selectively disclosable. Pure: no I/O.
import {
  type HolderPublicJwk,
  type Mode,
  type ReceiptIssueRequest,
  ReceiptIssueRequest as ReceiptIssueSchema,
  type ReceiptRevokeRequest,
  receiptRevokeRequest,
} from "@edgekyc/schemas";
import type { FacetecResult } from "../assure/decide.ts";
import { APPROVED_CODES, type JobType } from "../smile/result-codes.ts";

const CAPABILITY = "biometric-liveness";

interface Subject {
  id: string;
  partnerId: string;
  mode: Mode;
  holderKey: HolderPublicJwk | null;
}

function base(subject: Subject, now: number) {
  return {
    kind: "issue" as const,
    specVersion: "1" as const,
    partnerId: subject.partnerId,
    capability: CAPABILITY,
    subjectRef: subject.id,
    mode: subject.mode,
    verifiedAt: new Date(now).toISOString(),
    ...(subject.holderKey ? { holderKey: subject.holderKey } : {}),
  };
}

/** Assure (FaceTec): the liveness security checks, the decisive match attempt and the process status. */
export function assureReceiptRequest(
  process: Subject & { dossierId: string },
  result: FacetecResult,
  now: number,
): ReceiptIssueRequest {
  const { liveness, matching } = result.providerSpecific;
  const decisive = "algorithm" in matching ? matching : null;
  const passed = result.status === "accepted";
  const checks = liveness.faceScanSecurityChecks;
  return ReceiptIssueSchema.parse({
    ...base(process, now),
    method: "facetec.liveness.face_match",
    outcome: passed ? "passed" : "failed",
    assurance: passed
      ? {
          level: "substantial",
          summary:
            "Every FaceTec liveness security check passed (audit trail, replay, liveness, session token) and the live face matched the reference image at or above the partner's accept level.",
        }
      : {
          level: "low",
          summary: `The process ended ${result.status}: see liveness_checks and match_level for what fell short.`,
        },
    claims: {
      process_status: result.status,
      liveness_detected: result.finalResult.livenessDetected === "true",
      liveness_checks: {
        audit_trail_verification: checks.auditTrailVerificationCheckSucceeded,
        replay: checks.replayCheckSucceeded,
        face_scan_liveness: checks.faceScanLivenessCheckSucceeded,
        session_token: checks.sessionTokenCheckSucceeded,
      },
      similarity_score: result.finalResult.similarityScore,
      match_level: decisive ? decisive.matchLevel : null,
      match_algorithm: decisive ? decisive.algorithm : null,
    },
    disclosable: { dossier_id: process.dossierId },
  });
}

const SMILE_METHODS: Record<JobType, string> = {
  1: "smileid.selfie.liveness.id_authority_compare",
  2: "smileid.selfie.liveness.registered_selfie_compare",
  4: "smileid.selfie.liveness.registration",
};

/** Smile ID's Actions as snake_case claim members: `Liveness_Check` → `liveness_check`. */
function actionClaims(actions: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((actions ?? {}) as Record<string, unknown>)) {
    if (typeof value === "string") out[key.toLowerCase()] = value;
  }
  return out;
}

/** Smile ID: the result code (approved or not), the Actions (liveness and compare outcomes) and confidence. */
export function smileReceiptRequest(
  job: Subject & { jobId: string; userId: string; jobType: number },
  result: Record<string, unknown> & { ResultCode: string },
  now: number,
): ReceiptIssueRequest {
  const passed = APPROVED_CODES.has(result.ResultCode);
  const jobType = job.jobType as JobType;
  const actions = actionClaims(result.Actions);
  const reviewed = result.ResultCode.startsWith("12");
  const confidence = Number(result.ConfidenceValue);
  return ReceiptIssueSchema.parse({
    ...base(job, now),
    partnerReference: job.jobId,
    method: SMILE_METHODS[jobType] ?? "smileid.selfie.liveness",
    outcome: passed ? "passed" : "failed",
    assurance: smileAssurance(passed, jobType, reviewed),
    claims: {
      job_type: job.jobType,
      result_code: result.ResultCode,
      result_text: typeof result.ResultText === "string" ? result.ResultText : null,
      human_reviewed: reviewed,
      actions,
      confidence: Number.isFinite(confidence) ? confidence : null,
    },
    // The partner's user id names a person in the partner's records: only when the holder chooses.
    disclosable: { user_id: job.userId },
  });
}

function smileAssurance(
  passed: boolean,
  jobType: JobType,
  reviewed: boolean,
): ReceiptIssueRequest["assurance"] {
  const by = reviewed ? "a human reviewer" : "the machine judgement";
  if (!passed) return { level: "low", summary: `The job was not approved (by ${by}): see actions.` };
  if (jobType === 4) {
    return {
      level: "low",
      summary: `A live selfie was registered for the user (approved by ${by}); it was not compared with an identity document or authority.`,
    };
  }
  return {
    level: "substantial",
    summary:
      jobType === 1
        ? `The live selfie matched the ID authority's photo for the ID number given, which the authority verified (approved by ${by}).`
        : `The live selfie matched the user's registered selfie (approved by ${by}).`,
  };
}

/** The revoke request of an erased process or job. */
export function revokeRequest(partnerId: string, subjectRef: string): ReceiptRevokeRequest {
  return receiptRevokeRequest({ partnerId, capability: CAPABILITY, subjectRef }, "erased");
}
