import type { GraphModel } from "../models/load.ts";
import { tf } from "../models/tf-runtime.ts";

/** A detector hit in the coordinates of the image it ran on. */
export interface Detection {
  score: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** BlazeFace keypoints: right eye, left eye, nose, mouth, right ear, left ear (as seen in the image). */
  keypoints: [number, number][];
}

const INPUT = 256;
/** Candidates below this are not faces. */
const MIN_DETECTOR_SCORE = 0.5;
const IOU_THRESHOLD = 0.3;
const MAX_CANDIDATES = 10;

let anchors: Float32Array | undefined;

/** BlazeFace (back model) anchors: strides 16 and 32 with 2 and 6 anchors per cell (MediaPipe SSD). */
function anchorCentres(): Float32Array {
  if (anchors) return anchors;
  const centres: number[] = [];
  for (const [stride, perCell] of [
    [INPUT / 16, 2],
    [INPUT / 8, 6],
  ] as const) {
    const cells = Math.ceil(INPUT / stride);
    for (let gy = 0; gy < cells; gy++) {
      for (let gx = 0; gx < cells; gx++) {
        for (let n = 0; n < perCell; n++) centres.push(stride * (gx + 0.5), stride * (gy + 0.5));
      }
    }
  }
  anchors = Float32Array.from(centres);
  return anchors;
}

/**
 * Runs the detector on the image padded to a square at its bottom/right (so the aspect ratio is kept and
 * coordinates map back with one scale factor), and returns the hits after non-maximum suppression.
 */
export async function detectFaces(model: GraphModel, image: tf.Tensor4D): Promise<Detection[]> {
  const [, height, width] = image.shape;
  const side = Math.max(width, height);
  const scale = side / INPUT;
  const raw = tf.tidy(() => {
    const padded = tf.pad(image, [
      [0, 0],
      [0, side - height],
      [0, side - width],
      [0, 0],
    ]);
    const resized = tf.image.resizeBilinear(padded, [INPUT, INPUT]);
    const normalised = tf.sub(tf.div(resized, 127.5), 1);
    const output = model.execute(normalised) as tf.Tensor | tf.Tensor[];
    if (!Array.isArray(output)) return tf.squeeze(output, [0]) as tf.Tensor2D;
    if (output.length < 4) return tf.squeeze(output[0] as tf.Tensor, [0]) as tf.Tensor2D;
    // Human's converted BlazeFace answers four tensors: scores and boxes for the 16×16 grid (512 anchors)
    // and for the 8×8 grid (384). Joined as [score, box, keypoints] rows, 16×16 grid first, like the anchors.
    const [scores384, scores512, boxes384, boxes512] = [...output].sort(
      (a, b) => a.size - b.size,
    ) as tf.Tensor3D[];
    const rows512 = tf.concat([scores512 as tf.Tensor3D, boxes512 as tf.Tensor3D], 2);
    const rows384 = tf.concat([scores384 as tf.Tensor3D, boxes384 as tf.Tensor3D], 2);
    return tf.squeeze(tf.concat([rows512, rows384], 1), [0]) as tf.Tensor2D;
  });
  const values = (await raw.data()) as Float32Array;
  const [count, stride] = raw.shape;
  raw.dispose();
  const centres = anchorCentres();
  const boxes: number[] = [];
  const scores: number[] = [];
  const candidates: Detection[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * stride;
    const score = 1 / (1 + Math.exp(-(values[o] as number)));
    if (score < MIN_DETECTOR_SCORE) continue;
    const ax = centres[i * 2] as number;
    const ay = centres[i * 2 + 1] as number;
    const cx = ax + (values[o + 1] as number);
    const cy = ay + (values[o + 2] as number);
    const w = values[o + 3] as number;
    const h = values[o + 4] as number;
    const keypoints: [number, number][] = [];
    for (let k = 0; k < 6; k++) {
      keypoints.push([
        (ax + (values[o + 5 + k * 2] as number)) * scale,
        (ay + (values[o + 6 + k * 2] as number)) * scale,
      ]);
    }
    candidates.push({
      score,
      x1: (cx - w / 2) * scale,
      y1: (cy - h / 2) * scale,
      x2: (cx + w / 2) * scale,
      y2: (cy + h / 2) * scale,
      keypoints,
    });
    boxes.push(cy - h / 2, cx - w / 2, cy + h / 2, cx + w / 2);
    scores.push(score);
  }
  if (candidates.length === 0) return [];
  const boxTensor = tf.tensor2d(boxes, [candidates.length, 4]);
  const scoreTensor = tf.tensor1d(scores);
  const kept = await tf.image.nonMaxSuppressionAsync(
    boxTensor,
    scoreTensor,
    MAX_CANDIDATES,
    IOU_THRESHOLD,
    MIN_DETECTOR_SCORE,
  );
  const indices = Array.from(await kept.data());
  tf.dispose([boxTensor, scoreTensor, kept]);
  return indices.map((i) => candidates[i] as Detection);
}
