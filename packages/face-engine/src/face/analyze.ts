import type { DecodedImage } from "../decode/index.ts";
import type { LoadedModels } from "../models/load.ts";
import { tf } from "../models/tf-runtime.ts";
import type { FaceAnalysis } from "../types.ts";
import { type Detection, detectFaces } from "./detect.ts";

/** Side of the aligned face crop; the embedding model's input. */
const CROP = 224;
/** The crop covers the detector's box enlarged by this factor: 1.15 separated people best on the calibration set (1.0 and 1.4 were worse). */
const CROP_SCALE = 1.15;
/** A second face counts when it is at least this fraction of the main face's area and this confident. */
const SECOND_FACE_AREA = 0.2;
const SECOND_FACE_SCORE = 0.75;

/** Thresholds that make a detected face unusable; exported for the README and calibration. */
export const FACE_QUALITY = {
  /** Shorter side of the face box in the upright original image, pixels. */
  minFacePixels: 64,
  /** Variance of the Laplacian of the 112 px grey crop; below this the face is too blurred to compare. */
  minSharpness: 20,
} as const;

export interface AnalysedFace {
  analysis: FaceAnalysis;
  /** The aligned crop, 1×224×224×3, values 0–255; null unless status is ok. The caller disposes it. */
  crop: tf.Tensor4D | null;
}

const area = (d: Detection) => (d.x2 - d.x1) * (d.y2 - d.y1);

/** Detects, picks the largest face, aligns it (eye line level), checks size and sharpness, embeds it. */
export async function analyseFace(
  models: LoadedModels,
  decoded: DecodedImage,
  options: { keepCrop?: boolean } = {},
): Promise<AnalysedFace> {
  const { raster, info } = decoded;
  const image = tf.tidy(() =>
    tf.expandDims(tf.cast(tf.tensor3d(raster.data, [raster.height, raster.width, 3], "int32"), "float32"), 0),
  ) as tf.Tensor4D;
  try {
    const detections = (await detectFaces(models.detector, image)).sort((a, b) => area(b) - area(a));
    // Coordinates so far are in the downscaled raster; boxes are reported in the upright original.
    const toOriginal = info.width / raster.width;
    const toBox = (d: Detection) => ({
      x: Math.round(Math.max(0, d.x1) * toOriginal),
      y: Math.round(Math.max(0, d.y1) * toOriginal),
      width: Math.round((Math.min(raster.width, d.x2) - Math.max(0, d.x1)) * toOriginal),
      height: Math.round((Math.min(raster.height, d.y2) - Math.max(0, d.y1)) * toOriginal),
    });
    const base: FaceAnalysis = {
      image: info,
      faces: detections.map(toBox),
      status: "no_face",
      reason: "no face was found in the image",
      faceCount: detections.length,
      box: null,
      detectorScore: 0,
      rollDegrees: 0,
      sharpness: 0,
      embedding: null,
    };
    const main = detections[0];
    if (!main) return { analysis: base, crop: null };
    const box = toBox(main);
    const [rightEye, leftEye] = main.keypoints as [[number, number], [number, number]];
    const roll = Math.atan2(leftEye[1] - rightEye[1], leftEye[0] - rightEye[0]);
    const analysis: FaceAnalysis = {
      ...base,
      box,
      detectorScore: round(main.score, 4),
      rollDegrees: round((roll * 180) / Math.PI, 1),
    };
    const others = detections
      .slice(1)
      .filter((d) => d.score >= SECOND_FACE_SCORE && area(d) >= SECOND_FACE_AREA * area(main));
    if (others.length > 0) {
      return {
        analysis: {
          ...analysis,
          status: "multiple_faces",
          reason: `${others.length + 1} faces were found; exactly one is expected`,
        },
        crop: null,
      };
    }
    const faceSide = Math.min(box.width, box.height);
    if (faceSide < FACE_QUALITY.minFacePixels) {
      return {
        analysis: {
          ...analysis,
          status: "face_too_small",
          reason: `the face is ${faceSide} px across; at least ${FACE_QUALITY.minFacePixels} px are needed`,
        },
        crop: null,
      };
    }
    const crop = alignedCrop(image, main, roll);
    const sharpness = await laplacianVariance(crop);
    if (sharpness < FACE_QUALITY.minSharpness) {
      crop.dispose();
      return {
        analysis: {
          ...analysis,
          sharpness: round(sharpness, 1),
          status: "face_too_blurry",
          reason: `the face is too blurred (sharpness ${round(sharpness, 1)}, at least ${FACE_QUALITY.minSharpness} needed)`,
        },
        crop: null,
      };
    }
    const embedding = await embed(models, crop);
    const result: FaceAnalysis = {
      ...analysis,
      status: "ok",
      reason: null,
      sharpness: round(sharpness, 1),
      embedding,
    };
    if (options.keepCrop) return { analysis: result, crop };
    crop.dispose();
    return { analysis: result, crop: null };
  } finally {
    image.dispose();
  }
}

/**
 * One affine resample: rotate by the eye-line roll around the box centre, scale the enlarged box to
 * CROP×CROP. tf.image.transform maps each output pixel to its input position.
 */
function alignedCrop(image: tf.Tensor4D, face: Detection, roll: number): tf.Tensor4D {
  const cx = (face.x1 + face.x2) / 2;
  const cy = (face.y1 + face.y2) / 2;
  const side = Math.max(face.x2 - face.x1, face.y2 - face.y1) * CROP_SCALE;
  const s = side / CROP;
  const cos = Math.cos(roll);
  const sin = Math.sin(roll);
  const c = CROP / 2;
  const transform = [
    s * cos,
    -s * sin,
    cx - s * (cos * c - sin * c),
    s * sin,
    s * cos,
    cy - s * (sin * c + cos * c),
    0,
    0,
  ];
  return tf.tidy(() =>
    tf.image.transform(image, tf.tensor2d([transform], [1, 8]), "bilinear", "nearest", 0, [CROP, CROP]),
  ) as tf.Tensor4D;
}

/** Variance of the 3×3 Laplacian of the grey crop at half size: a standard focus measure. */
async function laplacianVariance(crop: tf.Tensor4D): Promise<number> {
  const variance = tf.tidy(() => {
    const grey = tf.mean(tf.image.resizeBilinear(crop, [CROP / 2, CROP / 2]), 3, true) as tf.Tensor4D;
    const kernel = tf.tensor4d([0, 1, 0, 1, -4, 1, 0, 1, 0], [3, 3, 1, 1]);
    const laplacian = tf.conv2d(grey, kernel, 1, "valid");
    return tf.moments(laplacian).variance;
  });
  const value = (await variance.data())[0] as number;
  variance.dispose();
  return value;
}

async function embed(models: LoadedModels, crop: tf.Tensor4D): Promise<number[]> {
  const normalised = tf.tidy(() => {
    const pooled = models.embedding.execute(crop, "global_pooling/Mean") as tf.Tensor;
    return tf.div(pooled, tf.norm(pooled));
  });
  const values = Array.from((await normalised.data()) as Float32Array, (v) => round(v, 6));
  normalised.dispose();
  return values;
}

/** Anti-spoof and liveness model scores (0–1) on an aligned crop. */
export async function spoofScores(
  models: LoadedModels,
  crop: tf.Tensor4D,
): Promise<{ antispoof: number; live: number }> {
  const [real, live] = tf.tidy(() => {
    const unit = tf.div(crop, 255) as tf.Tensor4D;
    const a = models.antispoof.execute(tf.image.resizeBilinear(unit, [128, 128])) as tf.Tensor;
    const l = models.liveness.execute(tf.image.resizeBilinear(unit, [32, 32])) as tf.Tensor;
    return [a, l];
  }) as [tf.Tensor, tf.Tensor];
  const antispoof = (await real.data())[0] as number;
  const liveValue = (await live.data())[0] as number;
  tf.dispose([real, live]);
  return { antispoof: round(antispoof, 4), live: round(liveValue, 4) };
}

export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
