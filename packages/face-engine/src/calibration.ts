// Calibrated thresholds and the mapping of a cosine similarity onto each dialect's scale. The numbers come
// from `npm run kyc -- face calibrate` on the labelled pairs in packages/face-engine/calibration/ (see its
// README for the table, the method and what the numbers do not guarantee).
import type { MatchScores } from "./types.ts";

export const CALIBRATION = {
  /** Where the numbers below come from. */
  source: "packages/face-engine/calibration (human/faceres fp16, aligned 224 px crops)",
  /**
   * Decision threshold on cosine similarity: at and above it compare() says match. Placed above every
   * different-person pair of the calibration set (FAR 0 there) with the margin the README states.
   */
  matchThreshold: 0.64,
  /** Similarity per FaceTec-style matchLevel 1…10; level 6 (Assure's accept level) is the threshold. */
  matchLevelCuts: [0.5, 0.53, 0.56, 0.59, 0.62, 0.64, 0.68, 0.72, 0.76, 0.8],
  /** Spread of the logistic that turns similarity into a 0–100 confidence (50 at the threshold). */
  confidenceSpread: 0.04,
} as const;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** FaceTec-style matchLevel: the highest level whose cut the similarity reaches (0 below level 1). */
export function matchLevel(similarity: number): number {
  let level = 0;
  CALIBRATION.matchLevelCuts.forEach((cut, index) => {
    if (similarity >= cut) level = index + 1;
  });
  return level;
}

/** 0–100, 50 at the decision threshold, logistic in the similarity. */
export function matchConfidence(similarity: number): number {
  const z = (similarity - CALIBRATION.matchThreshold) / CALIBRATION.confidenceSpread;
  return round(100 / (1 + Math.exp(-z)), 2);
}

/** Every dialect's score for one similarity. */
export function matchScores(similarity: number): MatchScores {
  const confidence = matchConfidence(similarity);
  return {
    matchLevel: matchLevel(similarity),
    // MachineSense: a distance, smaller = more alike; cosine distance clamped to 0–1.
    faceMatch: round(clamp(1 - similarity, 0, 1), 4),
    faceMatchConfidence: confidence,
    confidenceValue: confidence,
  };
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError("embeddings of different lengths");
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
