import type { MatchScores } from "@edgekyc/face-engine";
import type { ExternalEffect } from "../provider.ts";

/** Which engine verifies faces for a partner (BiometricLivenessSettings.faceEngine). */
export type FaceEngineChoice = "embedded" | "facetec" | "smileid";

/** FaceTec's device SDK output: the encrypted 3D FaceScan and its audit images (base64, as the SDK gives them). */
export interface FaceTecScan {
  faceScan: string;
  auditTrailImage: string;
  lowQualityAuditTrailImage: string;
}

export interface FaceMatchInput {
  /** The trusted face (document or chip portrait). */
  reference: Uint8Array;
  /** The selfie. Engines that work on 3D scans (FaceTec) use `scan` instead. */
  probe?: Uint8Array;
  scan?: FaceTecScan;
  /** The caller's id for this check: idempotency and the provider's own reference. */
  referenceId: string;
}

export interface FaceMatchOutcome {
  provider: string;
  status: "compared" | "not_compared";
  match: boolean;
  /** Every dialect's scale; null when not compared. */
  scores: MatchScores | null;
  /** Why not compared or not matched, in words a developer can act on (no PII). */
  reason: string | null;
  /** The provider's id for the check (job id, enrollment id), for audit records. */
  providerReference: string | null;
}

export interface LivenessInput {
  frames?: Uint8Array[];
  scan?: FaceTecScan;
  /** 0–100, BiometricLivenessSettings.liveness.minConfidence. */
  minConfidence: number;
  referenceId: string;
}

export interface LivenessOutcome {
  provider: string;
  passed: boolean;
  /** 0–100. Engines that only say pass/fail answer 100 or 0. */
  confidence: number;
  confidenceArray: number[];
  reason: string | null;
  providerReference: string | null;
}

/** Face match and liveness behind one interface: the embedded engine (default), FaceTec Server, Smile ID. */
export interface FaceVerifier extends ExternalEffect {
  compare(input: FaceMatchInput): Promise<FaceMatchOutcome>;
  liveness(input: LivenessInput): Promise<LivenessOutcome>;
}

/** The input cannot be verified by this engine (not an image, no FaceScan for FaceTec, …): the caller's 4xx. */
export class FaceInputError extends Error {
  override readonly name = "FaceInputError";
  constructor(
    readonly code: string,
    message: string,
    readonly input?: string,
  ) {
    super(message);
  }
}

/** Picks the partner's engine; the factories run only for the engine chosen. */
export function selectFaceVerifier(
  choice: FaceEngineChoice,
  engines: { embedded: () => FaceVerifier; facetec: () => FaceVerifier; smileid: () => FaceVerifier },
): FaceVerifier {
  return engines[choice]();
}
