import { describe, expect, it } from "vitest";
import { engine, image } from "./support/env.ts";

async function liveness(frames: string[], minConfidence = 0) {
  const outcome = await engine.liveness({ frames: frames.map(image), minConfidence });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.value;
}

const check = (result: Awaited<ReturnType<typeof liveness>>, name: string) =>
  result.checks.find((c) => c.name === name);

describe("passive liveness over frames", () => {
  it("scores each frame and passes the cross-frame checks for one person in distinct frames", async () => {
    const result = await liveness(["selfie.jpg", "selfie-dark.jpg", "portrait.jpg"]);
    expect(result.confidenceArray).toHaveLength(3);
    for (const value of result.confidenceArray) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(100);
    }
    for (const name of [
      "face_in_every_frame",
      "same_person_in_every_frame",
      "no_replayed_frames",
      "size_and_sharpness",
    ]) {
      expect(check(result, name)?.passed, JSON.stringify(result.checks)).toBe(true);
    }
    expect(result.confidence).toBeCloseTo(result.confidenceArray.reduce((a, b) => a + b, 0) / 3, 1);
    expect(result.passed).toBe(true);
    expect(result.embedding).toHaveLength(1024);
  });

  it("applies the partner's minConfidence", async () => {
    const result = await liveness(["selfie.jpg", "selfie-dark.jpg"], 100);
    expect(result.minConfidence).toBe(100);
    expect(check(result, "model_scores")?.passed).toBe(false);
    expect(result.passed).toBe(false);
  });

  it("fails a replayed still (the same frame twice) and caps its confidence", async () => {
    const result = await liveness(["selfie.jpg", "selfie.jpg"]);
    expect(check(result, "no_replayed_frames")?.passed).toBe(false);
    expect(result.confidence).toBeLessThanOrEqual(20);
    expect(result.passed).toBe(false);
  });

  it("fails when the frames show different people, or a frame has no face", async () => {
    const swapped = await liveness(["selfie.jpg", "other-person.jpg"]);
    expect(check(swapped, "same_person_in_every_frame")?.passed).toBe(false);
    expect(swapped.passed).toBe(false);
    const empty = await liveness(["selfie.jpg", "no-face.jpg"]);
    expect(check(empty, "face_in_every_frame")?.passed).toBe(false);
    expect(empty.confidenceArray[1]).toBe(0);
    expect(empty.passed).toBe(false);
  });
});
