import type { MatchScores } from "@edgekyc/face-engine";
import type { ExternalEffect } from "../provider.ts";

/** Which engine verifies faces for a partner (BiometricLivenessSettings.faceEngine). */
export type FaceEngineChoice = "embedded" | "facetec" | "smileid";

/** FaceTec's device SDK output: the encrypted 3D FaceScan and its audit images (base64, as the SDK gives them). */
export interface FaceTecScan {
  faceScan: string;
  auditTrailImage: string;
  lowQualityAuditTrailImage: string;
  /** The device SDK's session id (FaceTec checks the FaceScan belongs to it). */
  sessionId?: string;
  /** `FaceTecSDK.createFaceTecAPIUserAgentString(sessionId)` from the device, sent as X-User-Agent. */
  userAgent?: string;
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

/**
 * The partner chose an external engine that cannot run: its credentials or server URL are missing, or it
 * cannot verify this kind of input (FaceTec needs FaceScans). The caller's 4xx/409 with this message,
 * never a 500.
 */
export class FaceEngineUnavailableError extends Error {
  override readonly name = "FaceEngineUnavailableError";
  constructor(
    readonly engine: FaceEngineChoice,
    message: string,
  ) {
    super(message);
  }
}

/** Picks the partner's engine; the factories run only for the engine chosen. */
export function selectFaceVerifier<T = FaceVerifier>(
  choice: FaceEngineChoice,
  engines: { embedded: () => T; facetec: () => T; smileid: () => T },
): T {
  const factory = engines[choice];
  if (!factory) throw new FaceEngineUnavailableError(choice, `unknown face engine "${choice}"`);
  return factory();
}
