import { describe, expect, it } from "vitest";
import {
  CALIBRATION,
  cosineSimilarity,
  matchConfidence,
  matchLevel,
  matchScores,
} from "../src/calibration.ts";

describe("calibrated score mapping", () => {
  it("puts FaceTec matchLevel 6 and confidence 50 exactly at the decision threshold", () => {
    expect(matchLevel(CALIBRATION.matchThreshold)).toBe(6);
    expect(matchLevel(CALIBRATION.matchThreshold - 0.001)).toBe(5);
    expect(matchConfidence(CALIBRATION.matchThreshold)).toBe(50);
  });

  it("is monotonic and within every dialect's range", () => {
    let previous = matchScores(-1);
    for (let s = -1; s <= 1; s += 0.01) {
      const scores = matchScores(s);
      expect(scores.matchLevel).toBeGreaterThanOrEqual(previous.matchLevel);
      expect(scores.faceMatchConfidence).toBeGreaterThanOrEqual(previous.faceMatchConfidence);
      expect(scores.faceMatch).toBeLessThanOrEqual(previous.faceMatch);
      expect(scores.matchLevel).toBeGreaterThanOrEqual(0);
      expect(scores.matchLevel).toBeLessThanOrEqual(10);
      expect(scores.faceMatch).toBeGreaterThanOrEqual(0);
      expect(scores.faceMatch).toBeLessThanOrEqual(1);
      expect(scores.confidenceValue).toBeGreaterThanOrEqual(0);
      expect(scores.confidenceValue).toBeLessThanOrEqual(100);
      previous = scores;
    }
  });

  it("computes cosine similarity and refuses mismatched embeddings", () => {
    expect(cosineSimilarity([1, 0], [1, 0])).toBe(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(RangeError);
  });
});
