import { CALIBRATION, cosineSimilarity } from "./calibration.ts";
import type { Raster } from "./decode/raster.ts";
import type { FrameLiveness, LivenessCheck } from "./types.ts";

/** Mean absolute difference (0–255) of two frames' 16×16 grey thumbnails below which they are the same still. */
const NEAR_DUPLICATE_DIFFERENCE = 1.5;
/** A failed cross-frame check caps the reported confidence here, so a partner reading only the number sees it. */
export const FAILED_CHECK_CAP = 20;

/** A 16×16 grey thumbnail, box-averaged: enough to tell a replayed still from a new capture. */
export function thumbnail(raster: Raster): Float32Array {
  const size = 16;
  const out = new Float32Array(size * size);
  const counts = new Float32Array(size * size);
  const { width, height, data } = raster;
  for (let y = 0; y < height; y++) {
    const ty = Math.min(size - 1, Math.floor((y * size) / height));
    for (let x = 0; x < width; x++) {
      const tx = Math.min(size - 1, Math.floor((x * size) / width));
      const i = (y * width + x) * 3;
      out[ty * size + tx] =
        (out[ty * size + tx] as number) +
        ((data[i] as number) * 0.299 + (data[i + 1] as number) * 0.587 + (data[i + 2] as number) * 0.114);
      counts[ty * size + tx] = (counts[ty * size + tx] as number) + 1;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / Math.max(1, counts[i] as number);
  return out;
}

function meanAbsoluteDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

/** The checks across frames, in a fixed order. */
export function crossFrameChecks(
  frames: FrameLiveness[],
  thumbnails: Float32Array[],
  minConfidence: number,
  confidence: number,
): LivenessCheck[] {
  const unusable = frames
    .map((f, i) => [i, f.analysis.status] as const)
    .filter(([, status]) => status !== "ok");
  const missing = unusable.filter(([, status]) => status === "no_face" || status === "multiple_faces");
  const poor = unusable.filter(([, status]) => status === "face_too_small" || status === "face_too_blurry");
  const embeddings = frames.map((f) => f.analysis.embedding).filter((e): e is number[] => e !== null);
  let lowest = 1;
  for (let i = 0; i < embeddings.length; i++) {
    for (let j = i + 1; j < embeddings.length; j++) {
      lowest = Math.min(lowest, cosineSimilarity(embeddings[i] as number[], embeddings[j] as number[]));
    }
  }
  const duplicates: string[] = [];
  for (let i = 0; i < thumbnails.length; i++) {
    for (let j = i + 1; j < thumbnails.length; j++) {
      if (
        meanAbsoluteDifference(thumbnails[i] as Float32Array, thumbnails[j] as Float32Array) <
        NEAR_DUPLICATE_DIFFERENCE
      ) {
        duplicates.push(`${i}/${j}`);
      }
    }
  }
  const list = (items: readonly (readonly [number, string])[]) =>
    items.map(([i, s]) => `frame ${i}: ${s}`).join(", ");
  return [
    {
      name: "face_in_every_frame",
      passed: missing.length === 0,
      detail: missing.length === 0 ? `one face in each of ${frames.length} frame(s)` : list(missing),
    },
    {
      name: "same_person_in_every_frame",
      passed: embeddings.length < 2 || lowest >= CALIBRATION.matchThreshold,
      detail:
        embeddings.length < 2
          ? "fewer than two usable frames: not compared"
          : `lowest similarity between frames ${lowest.toFixed(3)} (threshold ${CALIBRATION.matchThreshold})`,
    },
    {
      name: "no_replayed_frames",
      passed: duplicates.length === 0,
      detail:
        frames.length < 2
          ? "one frame: not checked"
          : duplicates.length === 0
            ? "every frame differs from the others"
            : `near-identical frames (a replayed still?): ${duplicates.join(", ")}`,
    },
    {
      name: "size_and_sharpness",
      passed: poor.length === 0,
      detail: poor.length === 0 ? "every face large and sharp enough" : list(poor),
    },
    {
      name: "model_scores",
      passed: confidence >= minConfidence,
      detail: `mean model confidence ${confidence.toFixed(1)}, minimum ${minConfidence}`,
    },
  ];
}
