import type { FaceComparison } from "../face/face-engine.ts";

/** The matching algorithms of FaceTec in Assure, tried in this order. */
const MATCH_ALGORITHMS = ["facePortrait", "idPhoto", "idPhotoLowQuality"] as const;
export type MatchAlgorithm = (typeof MATCH_ALGORITHMS)[number];

export interface LivenessSecurityChecks {
  auditTrailVerificationCheckSucceeded: boolean;
  replayCheckSucceeded: boolean;
  faceScanLivenessCheckSucceeded: boolean;
  sessionTokenCheckSucceeded: boolean;
}

export interface MatchAttempt {
  algorithm: MatchAlgorithm;
  matchLevel: number;
  imageProcessing: "faceFound" | "faceNotFound";
  success: boolean;
  error: boolean;
}

export interface MatchLevels {
  acceptMatchLevel: number;
  inconclusiveMatchLevel: number;
}

type FinalStatus = "accepted" | "inconclusive" | "rejected";

/** The seed's `providerSpecific` + `finalResult`, as GET process answers them. */
export interface FacetecResult {
  status: FinalStatus;
  providerSpecific: {
    liveness: { faceScanSecurityChecks: LivenessSecurityChecks; error: boolean; success: boolean };
    matching: ({ attempts: MatchAttempt[] } & MatchAttempt) | { attempts: []; error: true; success: false };
  };
  finalResult: { livenessDetected: "true" | "false"; similarityScore: "high" | "medium" | "low" };
}

/** One attempt from an engine comparison: success means the partner's accept level was reached. */
export function toAttempt(
  algorithm: MatchAlgorithm,
  comparison: FaceComparison,
  levels: MatchLevels,
): MatchAttempt {
  const faceFound = comparison.probeFaceFound && comparison.referenceFaceFound;
  const matchLevel = faceFound ? Math.max(0, Math.min(10, Math.round(comparison.matchLevel))) : 0;
  return {
    algorithm,
    matchLevel,
    imageProcessing: faceFound ? "faceFound" : "faceNotFound",
    success: matchLevel >= levels.acceptMatchLevel,
    error: false,
  };
}

/** The attempt that decides: the highest match level, the later one on a tie (as the seed's examples). */
function decisiveAttempt(attempts: MatchAttempt[]): MatchAttempt | undefined {
  let best: MatchAttempt | undefined;
  for (const attempt of attempts) if (!best || attempt.matchLevel >= best.matchLevel) best = attempt;
  return best;
}

/**
 * Assure's rule for FaceTec: rejected when any liveness security check failed; otherwise accepted at or
 * above the partner's accept level, inconclusive from the inconclusive level up, rejected below.
 */
export function decide(
  checks: LivenessSecurityChecks,
  attempts: MatchAttempt[],
  levels: MatchLevels,
): FacetecResult {
  const livenessPassed = Object.values(checks).every(Boolean);
  const decisive = decisiveAttempt(attempts);
  const level = decisive?.matchLevel ?? 0;
  let status: FinalStatus = "rejected";
  if (livenessPassed && level >= levels.acceptMatchLevel) status = "accepted";
  else if (livenessPassed && level >= levels.inconclusiveMatchLevel) status = "inconclusive";
  const similarityScore =
    level >= levels.acceptMatchLevel ? "high" : level >= levels.inconclusiveMatchLevel ? "medium" : "low";
  return {
    status,
    providerSpecific: {
      liveness: { faceScanSecurityChecks: checks, error: false, success: livenessPassed },
      matching: decisive ? { attempts, ...decisive } : { attempts: [], error: true, success: false },
    },
    finalResult: { livenessDetected: livenessPassed ? "true" : "false", similarityScore },
  };
}
